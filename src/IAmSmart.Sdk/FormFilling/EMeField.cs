namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// A field name for the <c>eMEFields</c> list of an e-ME form-filling request (contract §8, §9, §9.2). The known fields
/// are static members; any other string can be wrapped, so that a field iAM Smart adds later needs no SDK release. Field
/// names are case-sensitive.
/// </summary>
/// <param name="Value">The field name as sent on the wire, for example <c>residentialAddress</c>.</param>
public readonly record struct EMeField(string Value)
{
    /// <summary>HKID number (<c>idNo</c>): identification and check digit.</summary>
    public static EMeField IdNo { get; } = new("idNo");

    /// <summary>Title, for example <c>Mr</c> (<c>prefix</c>).</summary>
    public static EMeField Prefix { get; } = new("prefix");

    /// <summary>English name (<c>enName</c>).</summary>
    public static EMeField EnName { get; } = new("enName");

    /// <summary>Chinese name (<c>chName</c>).</summary>
    public static EMeField ChName { get; } = new("chName");

    /// <summary>
    /// The Chinese name as verified by the Immigration Department (<c>chNameVerified</c>). Listed in the data dictionary;
    /// whether it can be requested as an e-ME field is inferred [I].
    /// </summary>
    public static EMeField ChNameVerified { get; } = new("chNameVerified");

    /// <summary>Date of birth, <c>YYYYMMDD</c> (<c>birthDate</c>).</summary>
    public static EMeField BirthDate { get; } = new("birthDate");

    /// <summary>Gender (<c>gender</c>).</summary>
    public static EMeField Gender { get; } = new("gender");

    /// <summary>Marital status (<c>maritalStatus</c>).</summary>
    public static EMeField MaritalStatus { get; } = new("maritalStatus");

    /// <summary>Home telephone number (<c>homeTelNumber</c>).</summary>
    public static EMeField HomeTelNumber { get; } = new("homeTelNumber");

    /// <summary>Office telephone number (<c>officeTelNumber</c>).</summary>
    public static EMeField OfficeTelNumber { get; } = new("officeTelNumber");

    /// <summary>Mobile telephone number (<c>mobileNumber</c>).</summary>
    public static EMeField MobileNumber { get; } = new("mobileNumber");

    /// <summary>Email address (<c>emailAddress</c>).</summary>
    public static EMeField EmailAddress { get; } = new("emailAddress");

    /// <summary>Residential address (<c>residentialAddress</c>).</summary>
    public static EMeField ResidentialAddress { get; } = new("residentialAddress");

    /// <summary>Postal address (<c>postalAddress</c>).</summary>
    public static EMeField PostalAddress { get; } = new("postalAddress");

    /// <summary>Education level (<c>educationLevel</c>).</summary>
    public static EMeField EducationLevel { get; } = new("educationLevel");

    /// <summary>Passport number (<c>passportNumber</c>).</summary>
    public static EMeField PassportNumber { get; } = new("passportNumber");

    /// <summary>Passport expiry date (<c>passportExpiry</c>).</summary>
    public static EMeField PassportExpiry { get; } = new("passportExpiry");

    /// <summary>Whether the user owns property (<c>propertyOwner</c>).</summary>
    public static EMeField PropertyOwner { get; } = new("propertyOwner");

    /// <summary>Whether the user owns a car (<c>carOwner</c>).</summary>
    public static EMeField CarOwner { get; } = new("carOwner");

    /// <summary>Employment status (<c>employmentStatus</c>).</summary>
    public static EMeField EmploymentStatus { get; } = new("employmentStatus");

    /// <summary>Details of an address proof (an e-bill from a utility) (<c>addressDocInfo</c>).</summary>
    public static EMeField AddressDocInfo { get; } = new("addressDocInfo");

    /// <summary>The address proof document itself, a PDF (<c>addressDocFile</c>).</summary>
    public static EMeField AddressDocFile { get; } = new("addressDocFile");

    /// <summary>Every field the SDK knows, in the order of the data dictionary (contract §9.2).</summary>
    public static IReadOnlyList<EMeField> Known { get; } =
    [
        IdNo, Prefix, EnName, ChName, ChNameVerified, BirthDate, Gender, MaritalStatus, HomeTelNumber, OfficeTelNumber,
        MobileNumber, EmailAddress, ResidentialAddress, PostalAddress, EducationLevel, PassportNumber, PassportExpiry,
        PropertyOwner, CarOwner, EmploymentStatus, AddressDocInfo, AddressDocFile,
    ];

    /// <summary>The field name.</summary>
    public override string ToString() => Value;
}

/// <summary>
/// A field name for the <c>profileFields</c> list of a profile request (contract §7). The known fields are static
/// members; any other string can be wrapped. Field names are case-sensitive.
/// </summary>
/// <param name="Value">The field name as sent on the wire, for example <c>idNo</c>.</param>
public readonly record struct ProfileField(string Value)
{
    /// <summary>HKID number (<c>idNo</c>).</summary>
    public static ProfileField IdNo { get; } = new("idNo");

    /// <summary>English name (<c>enName</c>).</summary>
    public static ProfileField EnName { get; } = new("enName");

    /// <summary>Chinese name (<c>chName</c>).</summary>
    public static ProfileField ChName { get; } = new("chName");

    /// <summary>Date of birth (<c>birthDate</c>).</summary>
    public static ProfileField BirthDate { get; } = new("birthDate");

    /// <summary>Gender (<c>gender</c>).</summary>
    public static ProfileField Gender { get; } = new("gender");

    /// <summary>
    /// The verified Chinese name (<c>chNameVerified</c>). It comes back in profile callbacks, but no source shows it
    /// requested as a profile field: a guess [G], so it is not in <see cref="Known"/>.
    /// </summary>
    public static ProfileField ChNameVerified { get; } = new("chNameVerified");

    /// <summary>The five profile fields a working implementation requests (contract §7.1).</summary>
    public static IReadOnlyList<ProfileField> Known { get; } = [IdNo, EnName, ChName, BirthDate, Gender];

    /// <summary>The field name.</summary>
    public override string ToString() => Value;
}
