using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Signing;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// The app variants of the signing initiate calls (<c>/api/appv1/…</c>, addendum §A5.3, §A4.3) [I for iAM Smart]: a
/// request with an <see cref="AppReturnTarget"/> goes to the appv1 path and sends, as WireMock's journal shows, exactly
/// the sample's fields: the app source and return target (iOS <c>clientRedirectURI</c>; Android <c>packageName</c>,
/// <c>activityClass</c>, <c>activityParams</c>) and <c>serverRedirectURI</c>, never <c>redirectURI</c>.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class AppVariantContractTests(WireMockServer server)
{
    private static readonly string[] AppTargetFields = ["clientRedirectURI", "packageName", "activityClass", "activityParams"];

    /// <summary>The app variant of <c>account/signing/initiateRequest</c>: <c>serverRedirectURI</c> in place of <c>redirectURI</c>.</summary>
    private static readonly ContractFields AppHashSigning = new(
        "appv1-signing-initiate",
        "addendum §A5.3",
        ["businessID", "accessToken", "openID", "source", "state", "serverRedirectURI", "hashCode", "department", "serviceName", "documentName"],
        ["HKICHash", "sigAlgo", .. StepUpFields, .. AppTargetFields]);

    private static readonly ContractFields AppPdfSigning = new(
        "appv1-pdfsigning-initiate",
        "addendum §A5.3",
        ["businessID", "accessToken", "openID", "source", "state", "serverRedirectURI", "docDigest", "department", "serviceName", "documentName"],
        ["HKICHash", .. StepUpFields, .. AppTargetFields]);

    /// <summary>The app variant of <c>bdss/initiateRequest</c> (addendum §A4.3): <c>callbackResultURI</c> is kept.</summary>
    private static readonly ContractFields AppBulkSigning = new(
        "appv1-bdss-initiate",
        "addendum §A4.3",
        ["businessID", "accessToken", "openID", "serverRedirectURI", "callbackResultURI", "source", "serviceName", "requestName", "documents"],
        ["state", "HKICHash", "department", "maxCallbackSigs", .. StepUpFields, .. AppTargetFields]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hash_signing_from_an_iOS_app_goes_to_appv1_with_the_universal_link_and_serverRedirectURI()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("appv1-signing-initiate-ios");

        var operation = await session.Client.Signing.StartHashSigningAsync(
            new HashSigningRequest
            {
                BusinessId = Text(sample, "businessID"),
                State = Text(sample, "state"),
                AccessToken = SigningToken(sample),
                CallbackUri = Decoded(sample, "serverRedirectURI"),
                AppTarget = AppReturnTarget.ForIos(Decoded(sample, "clientRedirectURI")),
                HashCode = Text(sample, "hashCode"),
                HkicHash = Text(sample, "HKICHash"),
                Department = Text(sample, "department"),
                ServiceName = Text(sample, "serviceName"),
                DocumentName = Text(sample, "documentName"),
                SignatureAlgorithm = new SignatureAlgorithm(Text(sample, "sigAlgo")),
                StepUpMethod = SigningStepUpMethod.Fr,
                StepUpWaitingPeriodHours = 720,
            },
            Cancel);

        var expected = ContractData.Sample("responses/signing-initiate.json");
        Assert.Equal(expected["signCode"]!.GetValue<string>(), operation.Initiation!.SignCode);
        Assert.Same(IAmSmartFunctions.HashSigning, operation.Function);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AppHashSigning, sample, AppHashSigning);
    }

    [Fact]
    public async Task Pdf_signing_from_an_Android_app_goes_to_appv1_with_the_package_activity_and_serverRedirectURI()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("appv1-pdfsigning-initiate-android");

        var operation = await session.Client.Signing.StartPdfSigningAsync(
            new PdfSigningRequest
            {
                BusinessId = Text(sample, "businessID"),
                State = Text(sample, "state"),
                AccessToken = SigningToken(sample),
                CallbackUri = Decoded(sample, "serverRedirectURI"),
                AppTarget = AppReturnTarget.ForAndroid(Text(sample, "packageName"), Text(sample, "activityClass"), Text(sample, "activityParams")),
                DocDigest = Text(sample, "docDigest"),
                Department = Text(sample, "department"),
                ServiceName = Text(sample, "serviceName"),
                DocumentName = Text(sample, "documentName"),
            },
            Cancel);

        Assert.True(operation.Initiation!.IsStarted);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AppPdfSigning, sample, AppPdfSigning);
    }

    [Theory]
    [InlineData("appv1-bdss-initiate-ios")]
    [InlineData("appv1-bdss-initiate-android")]
    public async Task Bulk_signing_from_an_app_goes_to_appv1_with_serverRedirectURI_and_keeps_callbackResultURI(string sampleName)
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample(sampleName);
        var target = sample["clientRedirectURI"] is not null
            ? AppReturnTarget.ForIos(Decoded(sample, "clientRedirectURI"))
            : AppReturnTarget.ForAndroid(Text(sample, "packageName"), Text(sample, "activityClass"));

        var operation = await session.Client.Signing.StartBulkSigningAsync(
            new BulkSigningRequest
            {
                BusinessId = Text(sample, "businessID"),
                State = Text(sample, "state"),
                AccessToken = new AccessToken(
                    Text(sample, "accessToken"),
                    Text(sample, "openID"),
                    ContractData.GetKeyIssuedAt,
                    ContractData.GetKeyIssuedAt.AddHours(4),
                    IAmSmartUserType.SigningCapable,
                    new HashSet<IAmSmartScope> { IAmSmartScope.Auth, IAmSmartScope.BulkSign }),
                TokenCallbackUri = Decoded(sample, "serverRedirectURI"),
                ResultCallbackUri = Decoded(sample, "callbackResultURI"),
                AppTarget = target,
                HkicHash = Text(sample, "HKICHash"),
                Department = Text(sample, "department"),
                ServiceName = Text(sample, "serviceName"),
                RequestName = Text(sample, "requestName"),
                MaxSignaturesPerCallback = sample["maxCallbackSigs"]!.GetValue<int>(),
                StepUpMethod = SigningStepUpMethod.Fr,
                StepUpWaitingPeriodHours = sample["suaWaitPeriod"]!.GetValue<int>(),
                Documents = Documents(sample),
            },
            Cancel);

        Assert.Equal(ContractData.Sample("responses/bdss-initiate.json")["ticketID"]!.GetValue<string>(), operation.Initiation!.TicketId);
        Assert.Same(IAmSmartFunctions.BulkSigning, operation.Function);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AppBulkSigning, sample, AppBulkSigning);
    }

    private static Uri Decoded(JsonObject sample, string name) => new(Uri.UnescapeDataString(Text(sample, name)));

    private static List<BulkSigningDocument> Documents(JsonObject sample)
        => [.. sample["documents"]!.AsArray().Select(d => (BulkSigningDocument)(d!["docDigest"] is { } digest
            ? new BulkPdfDocument { Id = Text(d.AsObject(), "id"), DocumentName = Text(d.AsObject(), "documentName"), DocDigest = digest.GetValue<string>() }
            : new BulkHashDocument
            {
                Id = Text(d.AsObject(), "id"),
                DocumentName = Text(d.AsObject(), "documentName"),
                HashCode = Text(d.AsObject(), "hashCode"),
                SignatureAlgorithm = d["sigAlgo"] is { } algorithm ? new SignatureAlgorithm(algorithm.GetValue<string>()) : null,
            }))];

    // The key call, then one request on the appv1 path answered by its own mapping, whose decrypted content is the sample
    // field for field: serverRedirectURI and the target's fields present, redirectURI absent.
    private static void AssertSentOnce(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction function, JsonObject sample, ContractFields fields)
    {
        Assert.Equal(["/api/v1/security/getKey", "/api/appv1/" + function.Path], journal.Select(r => r.Path));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        var sent = RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek);
        AssertSentAsContracted(sent, sample, fields);
        Assert.False(sent.ContainsKey("redirectURI"));
        Assert.True(sent.ContainsKey("serverRedirectURI"));
        Assert.StartsWith(fields.Function + ":", journal[1].MappingName, StringComparison.Ordinal);
        Assert.Equal(200, journal[1].ResponseStatus);
    }
}
