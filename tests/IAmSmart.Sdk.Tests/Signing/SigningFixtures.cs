using System.Security.Cryptography;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>Valid signing requests for invented users, for tests to vary one property at a time.</summary>
internal static class SigningFixtures
{
    public static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    public static readonly Uri RedirectUri = new("https://rp.example/iamsmart/signed");

    public static readonly string HashCode = Convert.ToBase64String(SHA256.HashData("Invented loan agreement"u8));

    public static readonly string DocDigest = Convert.ToBase64String(SHA256.HashData("%PDF-1.7 invented prepared PDF"u8));

    // A made-up identifier: the tests need a valid HKICHash, never a real person's.
    public static readonly string HkicHash = IAmSmart.Sdk.Signing.HkicHash.Compute("A123456(3)");

    public static AccessToken Token(IAmSmartUserType userType = IAmSmartUserType.SigningCapable, string scopes = "eidapi_auth eidapi_sign") => new(
        "tok-0001", "open+id/1=", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(4), userType, IAmSmartScope.ParseList(scopes));

    public static HashSigningRequest Hash(AccessToken? token = null, SigningStepUpMethod? stepUp = null, int? waitingPeriod = null) => new()
    {
        AccessToken = token ?? Token(),
        CallbackUri = CallbackUri,
        BusinessId = "biz-1",
        State = "state-1",
        Source = IAmSmartSource.PcBrowser,
        HashCode = HashCode,
        HkicHash = HkicHash,
        Department = "Invented Bank",
        ServiceName = "Personal loan",
        DocumentName = "Loan agreement",
        StepUpMethod = stepUp,
        StepUpWaitingPeriodHours = waitingPeriod,
    };

    public static PdfSigningRequest Pdf(AccessToken? token = null, SigningStepUpMethod? stepUp = null, int? waitingPeriod = null) => new()
    {
        AccessToken = token ?? Token(),
        CallbackUri = CallbackUri,
        BusinessId = "biz-2",
        State = "state-2",
        Source = IAmSmartSource.IosSafari,
        DocDigest = DocDigest,
        Department = "Invented Bank",
        ServiceName = "Account opening",
        DocumentName = "account-opening.pdf",
        StepUpMethod = stepUp,
        StepUpWaitingPeriodHours = waitingPeriod,
    };

    public static AnonymousHashSigningRequest AnonymousHash(SigningStepUpMethod? stepUp = null, int? waitingPeriod = null) => new()
    {
        RedirectUri = RedirectUri,
        BusinessId = "biz-3",
        State = "state-3",
        Source = IAmSmartSource.PcBrowser,
        HashCode = HashCode,
        HkicHash = HkicHash,
        Department = "Invented Insurer",
        ServiceName = "Claims",
        DocumentName = "Claim form",
        StepUpMethod = stepUp,
        StepUpWaitingPeriodHours = waitingPeriod,
    };

    public static AnonymousPdfSigningRequest AnonymousPdf(SigningStepUpMethod? stepUp = null, int? waitingPeriod = null) => new()
    {
        RedirectUri = RedirectUri,
        BusinessId = "biz-4",
        State = "state-4",
        Source = IAmSmartSource.AndroidChrome,
        DocDigest = DocDigest,
        HkicHash = HkicHash,
        Department = "Invented Insurer",
        ServiceName = "Claims",
        DocumentName = "claim.pdf",
        StepUpMethod = stepUp,
        StepUpWaitingPeriodHours = waitingPeriod,
    };
}
