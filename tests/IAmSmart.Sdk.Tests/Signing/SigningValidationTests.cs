using System.Security.Cryptography;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>Every bad value is refused before any network call, with an ArgumentException naming the property and not quoting it.</summary>
public sealed class SigningValidationTests
{
    private static readonly string Sha512Hash = Convert.ToBase64String(SHA512.HashData("Invented loan agreement"u8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HashSigningRequest HashWith(
        string businessId = "biz-1",
        string state = "state-1",
        string? hashCode = null,
        string? hkicHash = null,
        string department = "Invented Bank",
        string serviceName = "Personal loan",
        string documentName = "Loan agreement",
        SignatureAlgorithm? algorithm = null,
        SigningStepUpMethod? stepUpMethod = null,
        int? stepUpPeriod = null,
        Uri? callbackUri = null,
        AccessToken? token = null) => new()
        {
            AccessToken = token ?? SigningFixtures.Token(),
            CallbackUri = callbackUri ?? SigningFixtures.CallbackUri,
            BusinessId = businessId,
            State = state,
            Source = IAmSmartSource.PcBrowser,
            HashCode = hashCode ?? SigningFixtures.HashCode,
            HkicHash = hkicHash,
            Department = department,
            ServiceName = serviceName,
            DocumentName = documentName,
            SignatureAlgorithm = algorithm,
            StepUpMethod = stepUpMethod,
            StepUpWaitingPeriodHours = stepUpPeriod,
        };

    public static TheoryData<string, string> BadHashRequests => new()
    {
        { "businessID of 37 characters", "HashSigningRequest.BusinessId" },
        { "businessID with a space", "HashSigningRequest.BusinessId" },
        { "empty state", "HashSigningRequest.State" },
        { "department of 101 characters", "HashSigningRequest.Department" },
        { "serviceName of 256 characters", "HashSigningRequest.ServiceName" },
        { "documentName of 256 characters", "HashSigningRequest.DocumentName" },
        { "empty documentName", "HashSigningRequest.DocumentName" },
        { "hashCode not Base64", "HashSigningRequest.HashCode" },
        { "empty hashCode", "HashSigningRequest.HashCode" },
        { "NONEwithRSA with a 64-byte hash", "HashSigningRequest.HashCode" },
        { "NONEwithSM2 with a 64-byte hash", "HashSigningRequest.HashCode" },
        { "empty sigAlgo", "HashSigningRequest.SignatureAlgorithm" },
        { "HKICHash that is an HKID number", "HashSigningRequest.HkicHash" },
        { "HKICHash of 16 bytes", "HashSigningRequest.HkicHash" },
        { "step-up waiting period of -1 hours", "HashSigningRequest.StepUpWaitingPeriodHours" },
        { "step-up waiting period of 721 hours", "HashSigningRequest.StepUpWaitingPeriodHours" },
        { "step-up waiting period without a method", "HashSigningRequest.StepUpWaitingPeriodHours" },
        { "plain-HTTP callback", "HashSigningRequest.CallbackUri" },
        { "token without the sign scope", "HashSigningRequest.AccessToken" },
        { "token of a user who is not iAM Smart+", "HashSigningRequest.AccessToken" },
    };

    [Theory]
    [MemberData(nameof(BadHashRequests))]
    public async Task Bad_hash_signing_request_is_refused_naming_the_property_before_any_call(string problem, string parameter)
    {
        var request = problem switch
        {
            "businessID of 37 characters" => HashWith(businessId: new string('b', 37)),
            "businessID with a space" => HashWith(businessId: "biz 1"),
            "empty state" => HashWith(state: ""),
            "department of 101 characters" => HashWith(department: new string('d', 101)),
            "serviceName of 256 characters" => HashWith(serviceName: new string('s', 256)),
            "documentName of 256 characters" => HashWith(documentName: new string('n', 256)),
            "empty documentName" => HashWith(documentName: " "),
            "hashCode not Base64" => HashWith(hashCode: "not base64!"),
            "empty hashCode" => HashWith(hashCode: ""),
            "NONEwithRSA with a 64-byte hash" => HashWith(hashCode: Sha512Hash, algorithm: SignatureAlgorithm.NoneWithRsa),
            "NONEwithSM2 with a 64-byte hash" => HashWith(hashCode: Sha512Hash, algorithm: SignatureAlgorithm.NoneWithSm2),
            "empty sigAlgo" => HashWith(algorithm: new SignatureAlgorithm("")),
            "HKICHash that is an HKID number" => HashWith(hkicHash: "A1234563"),
            "HKICHash of 16 bytes" => HashWith(hkicHash: Convert.ToBase64String(new byte[16])),
            "step-up waiting period of -1 hours" => HashWith(stepUpMethod: SigningStepUpMethod.Fr, stepUpPeriod: -1),
            "step-up waiting period of 721 hours" => HashWith(stepUpMethod: SigningStepUpMethod.Fr, stepUpPeriod: 721),
            "step-up waiting period without a method" => HashWith(stepUpPeriod: 24),
            "plain-HTTP callback" => HashWith(callbackUri: new Uri("http://rp.example/cb")),
            "token without the sign scope" => HashWith(token: SigningFixtures.Token(scopes: "eidapi_auth eidapi_formFilling")),
            "token of a user who is not iAM Smart+" => HashWith(token: SigningFixtures.Token(IAmSmartUserType.Standard)),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Signing.InitiateHashSigningAsync(request, Ct));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(handler.Requests);
        Assert.DoesNotContain("A1234563", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SigningFixtures.HashCode, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_limits_pass_NONEwithRSA_with_a_SHA256_digest_and_a_custom_algorithm_with_any_hash()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, """{"authByQR":true}""");
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateHashSigningAsync(
            HashWith(businessId: new string('b', 36), department: new string('d', 100), serviceName: new string('s', 255), documentName: new string('n', 255),
                algorithm: SignatureAlgorithm.NoneWithRsa, stepUpMethod: SigningStepUpMethod.FrThenNfc, stepUpPeriod: 720, hkicHash: SigningFixtures.HkicHash),
            Ct);
        await client.Signing.InitiateHashSigningAsync(HashWith(businessId: "biz-2", hashCode: Sha512Hash, algorithm: new SignatureAlgorithm("SHA512withRSA")), Ct);

        Assert.Equal(2, handler.Count(IAmSmartFunctions.HashSigning.Path));
    }

    [Fact]
    public async Task Token_that_lists_no_scopes_or_an_unknown_user_type_is_left_for_iAM_Smart_to_judge()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, """{"authByQR":true}""");
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateHashSigningAsync(HashWith(token: SigningFixtures.Token(IAmSmartUserType.Unknown, scopes: "")), Ct);

        Assert.Equal(1, handler.Count(IAmSmartFunctions.HashSigning.Path));
    }

    [Fact]
    public async Task Pdf_docDigest_must_be_a_SHA256_digest()
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);
        var request = SigningFixtures.Pdf();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.InitiatePdfSigningAsync(
            new PdfSigningRequest
            {
                AccessToken = request.AccessToken,
                CallbackUri = request.CallbackUri,
                BusinessId = request.BusinessId,
                State = request.State,
                DocDigest = Sha512Hash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
            },
            Ct));

        Assert.Equal("PdfSigningRequest.DocDigest", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Anonymous_signing_requires_the_HKICHash()
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);
        var hash = SigningFixtures.AnonymousHash();
        var pdf = SigningFixtures.AnonymousPdf();

        var hashError = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.InitiateAnonymousHashSigningAsync(
            new AnonymousHashSigningRequest
            {
                RedirectUri = hash.RedirectUri,
                BusinessId = hash.BusinessId,
                State = hash.State,
                HashCode = hash.HashCode,
                Department = hash.Department,
                ServiceName = hash.ServiceName,
                DocumentName = hash.DocumentName,
            },
            Ct));
        var pdfError = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.InitiateAnonymousPdfSigningAsync(
            new AnonymousPdfSigningRequest
            {
                RedirectUri = pdf.RedirectUri,
                BusinessId = pdf.BusinessId,
                State = pdf.State,
                DocDigest = pdf.DocDigest,
                Department = pdf.Department,
                ServiceName = pdf.ServiceName,
                DocumentName = pdf.DocumentName,
            },
            Ct));

        Assert.Equal("AnonymousHashSigningRequest.HkicHash", hashError.ParamName);
        Assert.Equal("AnonymousPdfSigningRequest.HkicHash", pdfError.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Acknowledgement_with_a_malformed_businessID_or_empty_result_is_refused_before_any_call()
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);

        var badId = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.AcknowledgeAsync("biz 1", SigningAcknowledgement.Accepted, Ct));
        var badResult = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Signing.AcknowledgeAsync("biz-1", default, Ct));

        Assert.Equal("businessId", badId.ParamName);
        Assert.Equal("acknowledgement", badResult.ParamName);
        Assert.Empty(handler.Requests);
    }
}
