namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>
/// The built-in personas. Every one is invented: names, HKID numbers (valid by check digit only), addresses (invented
/// buildings), phone numbers and e-mail addresses (<c>example.com</c>) belong to no real person.
/// </summary>
public static class SimulatorPersonas
{
    /// <summary>An iAM Smart+ user with a full ordinary profile and an English premises address; approves.</summary>
    public static SimulatorPersona ChanTaiMan { get; } = new(
        "chan-tai-man", "iAM Smart+, ordinary profile, English address; approves", "A123456", canSign: true, UserBehaviour.Approve,
        """
        {"prefix":"Mr","enName":{"UnstructuredName":"CHAN, Tai Man"},"chName":{"ChineseName":"陳大文"},"chNameVerified":"陳大文",
         "birthDate":"19850312","gender":"M","maritalStatus":"M",
         "mobileNumber":{"CountryCode":"852","SubscriberNumber":"51230001"},
         "emailAddress":"chan.taiman@example.com",
         "residentialAddress":{"EngPremisesAddress":{"BuildingName":"SIMULATOR COURT","EngBlock":{"BlockDescriptor":"BLOCK","BlockNo":"2"},
           "Eng3dAddress":{"EngFloor":{"FloorNum":"12"},"EngUnit":{"UnitDescriptor":"FLAT","UnitNo":"C"}},
           "EngStreet":{"StreetName":"TEST ROAD","BuildingNoFrom":"18"},"EngDistrict":{"DcDistrict":"KC"},"Region":"KLN"}}}
        """);

    /// <summary>Every e-ME field filled, including the e-bill address proof (<c>addressDocInfo</c>, <c>addressDocFile</c>); iAM Smart+.</summary>
    public static SimulatorPersona WongKaYan { get; } = new(
        "wong-ka-yan", "iAM Smart+, every e-ME field filled (incl. address proof)", "K734021", canSign: true, UserBehaviour.Approve,
        """
        {"prefix":"Ms","enName":{"UnstructuredName":"WONG, Ka Yan"},"chName":{"ChineseName":"王嘉欣"},"chNameVerified":"王嘉欣",
         "birthDate":"19920704","gender":"F","maritalStatus":"S",
         "homeTelNumber":{"CountryCode":"852","SubscriberNumber":"21230002"},
         "officeTelNumber":{"CountryCode":"852","NationalDestinationCode":"","SubscriberNumber":"31230002"},
         "mobileNumber":{"CountryCode":"852","SubscriberNumber":"91230002"},
         "emailAddress":"wong.kayan@example.com",
         "residentialAddress":{"ChiPremisesAddress":{"Region":"香港","ChiDistrict":{"DcDistrict":"WC","Sub-district":"灣仔"},
           "BuildingName":"模擬大廈","ChiEstate":{"EstateName":"測試苑","ChiPhase":{"PhaseName":"第一期"}},
           "ChiStreet":{"StreetName":"測試道","BuildingNoFrom":"12"},"ChiBlock":{"BlockDescriptor":"座","BlockNo":"東"},
           "Chi3dAddress":{"ChiFloor":{"FloorNum":"15"},"ChiUnit":{"UnitDescriptor":"室","UnitNo":"A1"}}},
          "EngPremisesAddress":{"BuildingName":"SIMULATION TOWER","EngEstate":{"EstateName":"TEST GARDEN","EngPhase":{"PhaseName":"PHASE 1"}},
           "EngBlock":{"BlockDescriptor":"BLOCK","BlockNo":"EAST"},"Eng3dAddress":{"EngFloor":{"FloorNum":"15"},"EngUnit":{"UnitDescriptor":"ROOM","UnitNo":"A1"}},
           "EngStreet":{"StreetName":"TEST ROAD","BuildingNoFrom":"12"},"EngDistrict":{"DcDistrict":"WC"},"Region":"HK"}},
         "postalAddress":{"PostBoxAddress":{"EngPostBox":{"PoBoxNo":10001,"PostOffice":"SIMULATOR POST OFFICE","PostOfficeRegion":"HONG KONG"}}},
         "educationLevel":"T","passportNumber":"K00000001","passportExpiry":"20310630",
         "propertyOwner":"Y","carOwner":"N","employmentStatus":"E",
         "addressDocInfo":{"enProviderName":"Simulated Power Company","tcProviderName":"模擬電力公司","scProviderName":"模拟电力公司",
           "enUserName":"WONG KA YAN","tcUserName":"王嘉欣",
           "enServiceAddress":{"addressLine1":"FLAT A1, 15/F, EAST BLOCK","addressLine2":"SIMULATION TOWER","addressLine3":"12 TEST ROAD","addressLine4":"WAN CHAI, HONG KONG"},
           "tcServiceAddress":{"addressLine1":"香港灣仔","addressLine2":"測試道12號","addressLine3":"模擬大廈東座","addressLine4":"15樓A1室"},
           "enPostalAddress":{"addressLine1":"P.O. BOX 10001","addressLine2":"SIMULATOR POST OFFICE","addressLine3":"HONG KONG","addressLine4":""},
           "tcPostalAddress":{"addressLine1":"香港","addressLine2":"模擬郵政局","addressLine3":"郵政信箱10001號","addressLine4":""},
           "lastRetrievalDate":1767225600000},
         "addressDocFile":{"docFile":"JVBERi0xLjQKJSBJQW1TbWFydC5TZGsgc2ltdWxhdG9yOiBpbnZlbnRlZCBlLWJpbGwgYWRkcmVzcyBwcm9vZiwgbm90IGEgcmVhbCBkb2N1bWVudAoxIDAgb2JqPDwvVHlwZS9DYXRhbG9nL1BhZ2VzIDIgMCBSPj5lbmRvYmoKMiAwIG9iajw8L1R5cGUvUGFnZXMvS2lkc1tdL0NvdW50IDA+PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==",
           "docHash":"a72965c3274aefa6dbb65b438ab44d3436cbba58a0c9ff73cd9891099f71bfd0","billDate":1764547200000}}
        """);

    /// <summary>A resident with no Chinese name; the HKID check digit is <c>A</c>; iAM Smart+.</summary>
    public static SimulatorPersona OliverBrightwater { get; } = new(
        "oliver-brightwater", "iAM Smart+, no Chinese name, check digit A", "Z682104", canSign: true, UserBehaviour.Approve,
        """
        {"prefix":"Mr","enName":{"UnstructuredName":"BRIGHTWATER, Oliver James"},"birthDate":"19780219","gender":"M","maritalStatus":"M",
         "mobileNumber":{"CountryCode":"852","SubscriberNumber":"61230003"},"emailAddress":"oliver.brightwater@example.com",
         "residentialAddress":{"EngPremisesAddress":{"BuildingName":"PLACEHOLDER MANSION","Eng3dAddress":{"EngFloor":{"FloorNum":"3"},"EngUnit":{"UnitDescriptor":"FLAT","UnitNo":"B"}},
           "EngStreet":{"StreetName":"SAMPLE PATH","BuildingNoFrom":"7"},"EngDistrict":{"DcDistrict":"SOU"},"Region":"HK"}}}
        """);

    /// <summary>A very long English name (for column widths and PDF layouts); iAM Smart+.</summary>
    public static SimulatorPersona LongName { get; } = new(
        "long-name", "iAM Smart+, very long English name", "R902317", canSign: true, UserBehaviour.Approve,
        """
        {"prefix":"Dr","enName":{"UnstructuredName":"MONTGOMERY-FITZWILLIAM-ABERCROMBIE, Alexandra Seraphina Wilhelmina Constance Evangeline Tsz Ching"},
         "chName":{"ChineseName":"司徒歐陽慧詩"},"chNameVerified":"司徒歐陽慧詩","birthDate":"19700101","gender":"F",
         "emailAddress":"a.montgomery-fitzwilliam-abercrombie.long.address@subdomain.example.com"}
        """);

    /// <summary>A post-office-box postal address.</summary>
    public static SimulatorPersona LeungPoKei { get; } = new(
        "po-box", "iAM Smart+, P.O. box postal address", "Y418265", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"LEUNG, Po Kei"},"chName":{"ChineseName":"梁寶琪"},"birthDate":"19880830","gender":"F",
         "residentialAddress":{"EngPremisesAddress":{"BuildingName":"MOCK HOUSE","EngStreet":{"StreetName":"FICTION STREET","BuildingNoFrom":"3"},"EngDistrict":{"DcDistrict":"YTM"},"Region":"KLN"}},
         "postalAddress":{"PostBoxAddress":{"EngPostBox":{"PoBoxNo":24701,"PostOffice":"SIMULATOR POST OFFICE","PostOfficeRegion":"KOWLOON"}}}}
        """);

    /// <summary>A free-format residential address; the HKID check digit is <c>0</c>.</summary>
    public static SimulatorPersona HoChunYin { get; } = new(
        "free-format", "iAM Smart+, free-format address, check digit 0", "M205983", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"HO, Chun Yin"},"chName":{"ChineseName":"何俊賢"},"birthDate":"19990515","gender":"M",
         "residentialAddress":{"FreeFormatAddress":{"LanguageCode":"en","AddressLine1":"ROOM 5, 2/F","AddressLine2":"88 INVENTED LANE","AddressLine3":"TSUEN WAN, NEW TERRITORIES"}},
         "postalAddress":{"FreeFormatAddress":{"LanguageCode":"en","AddressLine1":"ROOM 5, 2/F","AddressLine2":"88 INVENTED LANE","AddressLine3":"TSUEN WAN, NEW TERRITORIES"}}}
        """);

    /// <summary>A Chinese-only address (no English form).</summary>
    public static SimulatorPersona LiMeiLing { get; } = new(
        "chinese-address", "iAM Smart+, Chinese-only address", "P561029", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"LI, Mei Ling"},"chName":{"ChineseName":"李美玲"},"chNameVerified":"李美玲","birthDate":"19650920","gender":"F",
         "residentialAddress":{"ChiPremisesAddress":{"Region":"九龍","ChiDistrict":{"DcDistrict":"SSP","Sub-district":"深水埗"},"BuildingName":"虛構樓",
           "ChiStreet":{"StreetName":"樣本街","BuildingNoFrom":"101"},"Chi3dAddress":{"ChiFloor":{"FloorNum":"8"},"ChiUnit":{"UnitDescriptor":"室","UnitNo":"3"}}}},
         "postalAddress":{"PostBoxAddress":{"ChiPostBox":{"PoBoxNo":3301,"PostOffice":"模擬郵政局","PostOfficeRegion":"九龍"}}}}
        """);

    /// <summary>Only the mandatory identity fields: no Chinese name, no contact details, no address.</summary>
    public static SimulatorPersona Minimal { get; } = new(
        "minimal", "iAM Smart+, optional fields missing", "G347810", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"TSANG, Wing Sze"},"birthDate":"20010111","gender":"F"}
        """);

    /// <summary>An iAM Smart (not +) user: logs in and shares data, but signing gives D70004.</summary>
    public static SimulatorPersona NotSigningCapable { get; } = new(
        "not-plus", "iAM Smart (not +): cannot sign", "T820475", canSign: false, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"LAU, Siu Fung"},"chName":{"ChineseName":"劉小峰"},"birthDate":"19900228","gender":"M",
         "mobileNumber":{"CountryCode":"852","SubscriberNumber":"51230009"}}
        """);

    /// <summary>Always cancels.</summary>
    public static SimulatorPersona AlwaysCancels { get; } = new(
        "always-cancels", "always cancels", "V613592", canSign: true, UserBehaviour.Cancel,
        """
        {"enName":{"UnstructuredName":"CHEUNG, Hoi Ting"},"chName":{"ChineseName":"張凱婷"},"birthDate":"19940607","gender":"F"}
        """);

    /// <summary>Never answers: the request times out.</summary>
    public static SimulatorPersona TimesOut { get; } = new(
        "times-out", "never answers (times out)", "E459201", canSign: true, UserBehaviour.TimeOut,
        """
        {"enName":{"UnstructuredName":"YIP, Kwok Wai"},"chName":{"ChineseName":"葉國偉"},"birthDate":"19760318","gender":"M"}
        """);

    /// <summary>Always rejects.</summary>
    public static SimulatorPersona AlwaysRejects { get; } = new(
        "always-rejects", "always rejects", "S278064", canSign: true, UserBehaviour.Reject,
        """
        {"enName":{"UnstructuredName":"KWOK, Man Kit"},"chName":{"ChineseName":"郭文傑"},"birthDate":"19830425","gender":"M"}
        """);

    /// <summary>Rejects; a rejected login comes back with the state alone, no code and no error code (addendum §A3.5).</summary>
    public static SimulatorPersona DeniesStateOnly { get; } = new(
        "denies-state-only", "rejects; login denial redirects with the state only", "J407326", canSign: true, UserBehaviour.Reject,
        """
        {"enName":{"UnstructuredName":"KO, Yan Ting"},"chName":{"ChineseName":"高欣婷"},"birthDate":"19910514","gender":"F"}
        """)
    {
        LoginDenial = LoginDenial.StateOnly,
    };

    /// <summary>Rejects; a rejected login comes back with <c>error_code=D20001</c> (contract §5.3's official example).</summary>
    public static SimulatorPersona DeniesWithD20001 { get; } = new(
        "denies-d20001", "rejects; login denial redirects with error_code=D20001", "Q815042", canSign: true, UserBehaviour.Reject,
        """
        {"enName":{"UnstructuredName":"LO, Chun Kit"},"chName":{"ChineseName":"羅俊傑"},"birthDate":"19840817","gender":"M"}
        """)
    {
        LoginDenial = LoginDenial.D20001,
    };

    /// <summary>Approves after two minutes; two-letter HKID prefix.</summary>
    public static SimulatorPersona SlowApprover { get; } = new(
        "slow-approver", "approves after 2 minutes; two-letter HKID", "XA301742", canSign: true, UserBehaviour.ApproveAfter(TimeSpan.FromMinutes(2)),
        """
        {"enName":{"UnstructuredName":"FUNG, Suk Yee"},"chName":{"ChineseName":"馮淑儀"},"birthDate":"19581203","gender":"F",
         "homeTelNumber":{"CountryCode":"852","SubscriberNumber":"21230013"}}
        """);

    /// <summary>A New Territories village address given as a lot (<c>EngLot</c>); two-letter HKID prefix.</summary>
    public static SimulatorPersona VillageLot { get; } = new(
        "village-lot", "iAM Smart+, New Territories lot address; two-letter HKID", "WX520638", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"TANG, Tin Yau"},"chName":{"ChineseName":"鄧天佑"},"birthDate":"19620808","gender":"M",
         "residentialAddress":{"EngPremisesAddress":{"BuildingName":"HOUSE 9","EngLot":{"EngStructuredLot":{"DdType":"DD","DdNo":"999","LotType":"LOT","LotNo":"1234","LotSection1":"A"}},
           "EngDistrict":{"DcDistrict":"YL"},"Region":"NT"}}}
        """);

    /// <summary>
    /// An iAM Smart+ user whose account is two days (48 hours) old: signing with a step-up method and a waiting period
    /// over 48 hours gives D77004 "user is still in waiting period"; a shorter period, or none, signs.
    /// </summary>
    public static SimulatorPersona NewAccount { get; } = new(
        "new-account", "iAM Smart+, account 48 hours old: step-up waiting period over 48 h gives D77004", "C508163", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"CHOI, Wai Lam"},"chName":{"ChineseName":"蔡慧琳"},"birthDate":"19960221","gender":"F"}
        """)
    {
        AccountAge = TimeSpan.FromHours(48),
    };

    /// <summary>An iAM Smart+ user who fails face recognition: signing with step-up <c>FR</c> (alone or first) gives D77001.</summary>
    public static SimulatorPersona FailsFaceRecognition { get; } = new(
        "fails-face-recognition", "iAM Smart+, fails face recognition: step-up FR gives D77001", "H294716", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"MAK, Chi Keung"},"chName":{"ChineseName":"麥志強"},"birthDate":"19710930","gender":"M"}
        """)
    {
        PassesFaceRecognition = false,
    };

    /// <summary>An iAM Smart+ user whose phone has no NFC: signing with step-up <c>NFC</c> gives D77003; <c>FR</c> alone signs.</summary>
    public static SimulatorPersona NoNfcPhone { get; } = new(
        "no-nfc", "iAM Smart+, phone without NFC: step-up NFC gives D77003", "N731058", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"SIU, Hiu Tung"},"chName":{"ChineseName":"蕭曉彤"},"birthDate":"20000416","gender":"F"}
        """)
    {
        PhoneHasNfc = false,
    };

    /// <summary>An iAM Smart+ user whose HKIC chip read fails: signing with step-up <c>NFC</c> gives D77002; <c>FR</c> alone signs.</summary>
    public static SimulatorPersona FailsNfcRead { get; } = new(
        "nfc-read-fails", "iAM Smart+, HKIC chip read by NFC fails: step-up NFC gives D77002", "D640392", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"YUEN, Ka Lok"},"chName":{"ChineseName":"袁家樂"},"birthDate":"19870105","gender":"M"}
        """)
    {
        PassesNfcRead = false,
    };

    /// <summary>An iAM Smart+ user who approves bulk signing and every document is signed (as for any approving persona).</summary>
    public static SimulatorPersona BulkApprovesAll { get; } = new(
        "bulk-approves-all", "iAM Smart+, approves bulk signing: every document signed", "B274195", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"NG, Ka Ho"},"chName":{"ChineseName":"吳家豪"},"birthDate":"19890611","gender":"M"}
        """);

    /// <summary>An iAM Smart+ user who rejects bulk signing (D71001; D70001 etc. for other functions): no document is signed.</summary>
    public static SimulatorPersona BulkRejectsAll { get; } = new(
        "bulk-rejects-all", "iAM Smart+, rejects bulk signing: D71001, no document signed", "F918273", canSign: true, UserBehaviour.Reject,
        """
        {"enName":{"UnstructuredName":"POON, Wai Man"},"chName":{"ChineseName":"潘慧敏"},"birthDate":"19930117","gender":"F"}
        """);

    /// <summary>
    /// An iAM Smart+ user who approves bulk signing, but every second document fails: its <c>sigFile</c> item has no
    /// signature and it counts in <c>failSignNum</c> (addendum §A3.3).
    /// </summary>
    public static SimulatorPersona BulkSomeFail { get; } = new(
        "bulk-some-fail", "iAM Smart+, approves bulk signing but every second document fails", "L362847", canSign: true, UserBehaviour.Approve,
        """
        {"enName":{"UnstructuredName":"TSE, Chi Wing"},"chName":{"ChineseName":"謝志榮"},"birthDate":"19800402","gender":"M"}
        """)
    {
        FailsEveryNthBulkDocument = 2,
    };

    /// <summary>Every built-in persona, the default one (<see cref="ChanTaiMan"/>) first.</summary>
    public static IReadOnlyList<SimulatorPersona> All { get; } =
    [
        ChanTaiMan, WongKaYan, OliverBrightwater, LongName, LeungPoKei, HoChunYin, LiMeiLing, Minimal,
        NotSigningCapable, AlwaysCancels, TimesOut, AlwaysRejects, DeniesStateOnly, DeniesWithD20001, SlowApprover, VillageLot,
        NewAccount, FailsFaceRecognition, NoNfcPhone, FailsNfcRead, BulkApprovesAll, BulkRejectsAll, BulkSomeFail,
    ];
}
