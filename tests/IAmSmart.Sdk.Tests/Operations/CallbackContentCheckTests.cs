using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Signing;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Operations;

/// <summary>
/// A correlated success callback whose content its waiter cannot read is refused at acceptance (Malformed) and changes
/// nothing, so the genuine callback that follows still completes the operation.
/// </summary>
public sealed class CallbackContentCheckTests
{
    private const string BusinessId = "op-content-1";
    private const string State = "op-content-state-1";

    private static readonly string Cert = Convert.ToBase64String("invented certificate"u8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Payload(string members) => $$"""{"businessID":"{{BusinessId}}","state":"{{State}}",{{members}}}""";

    private static byte[] Success(string members) => Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(Payload(members)));

    public static TheoryData<string, string, string> WrongThenGenuine() => new()
    {
        { "signing", """ "hashCode":5,"timestamp":"soon","signature":[],"cert":{} """, $$""" "hashCode":"{{SigningFixtures.HashCode}}","timestamp":1772355600000,"signature":"c2ln","cert":"{{Cert}}" """ },
        { "signing", """ "hashCode":"AAAA" """, $$""" "hashCode":"{{SigningFixtures.HashCode}}","timestamp":1772355600000,"signature":"c2ln","cert":"{{Cert}}" """ },
        { "pdfsigning", $$""" "pdfSignature":"!!","docDigest":"{{SigningFixtures.DocDigest}}" """, $$""" "pdfSignature":"MIIBAgYJ","docDigest":"{{SigningFixtures.DocDigest}}" """ },
        { "stepup", """ "isPassed":{} """, """ "isPassed":true """ },
        { "stepup", """ "isPassed":null """, """ "isPassed":true """ },
        { "stepup", """ "isPassed":"yes" """, """ "isPassed":true """ },
        { "stepup", """ "isPassed":1 """, """ "isPassed":true """ },
        { "stepup", """ "passed":true """, """ "isPassed":true """ },
        { "stepup", """ "isPassed":"True" """, """ "isPassed":"true" """ },
    };

    [Theory]
    [MemberData(nameof(WrongThenGenuine))]
    public async Task A_success_callback_its_waiter_cannot_read_is_refused_and_the_genuine_one_still_completes(string kind, string wrong, string genuine)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        _ = await client.Operations.BeginAsync(IAmSmartFunctions.FindByKind(kind)!, BusinessId, State, Ct);

        var refused = await client.Operations.AcceptCallbackAsync(Success(wrong), Ct);

        Assert.Equal(CallbackDisposition.Rejected, refused.Disposition);
        Assert.Equal(CallbackRejection.Malformed, refused.Rejection);
        Assert.Null((await client.Operations.Store.GetAsync(BusinessId, Ct))!.Completion);
        Assert.Null(await client.Operations.GetResultAsync(BusinessId, Ct));

        var accepted = await client.Operations.AcceptCallbackAsync(Success(genuine), Ct);

        Assert.Equal(CallbackDisposition.Accepted, accepted.Disposition);
        var callback = await client.Operations.WaitForCompletionAsync(BusinessId, Ct);
        var readable = kind switch
        {
            "signing" => SigningOutcome.FromHashCallback(callback).IsSigned,
            "pdfsigning" => SigningOutcome.FromPdfCallback(callback).IsSigned,
            _ => StepUpResult.FromCallback(callback).IsPassed,
        };
        Assert.True(readable);
    }

    [Fact]
    public async Task A_failure_callback_carries_no_content_and_is_not_checked()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        _ = await client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, BusinessId, State, Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Failure("D80001", BusinessId, State)), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(SigningStatus.Rejected, SigningOutcome.FromHashCallback((await client.Operations.GetResultAsync(BusinessId, Ct))!).Status);
    }

    [Fact]
    public async Task An_EMe_callback_with_unreadable_members_is_still_accepted_because_its_reader_keeps_them_aside()
    {
        // The form-filling reader does not fail on a member of the wrong type (it lands in MalformedMembers), and a
        // correlated payload is always a JSON object: there is no e-ME content its waiter cannot read, so none is refused.
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        _ = await client.Operations.BeginAsync(IAmSmartFunctions.EMe, BusinessId, State, Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Success(""" "enName":{"unexpected":true},"idNo":[] """), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        var request = new PendingDataRequest { Function = IAmSmartFunctions.EMe, BusinessId = BusinessId, RequestedFields = ["enName", "idNo"] };
        var result = await client.FormFilling.ReadResultAsync(request, (await client.Operations.GetResultAsync(BusinessId, Ct))!, Ct);
        Assert.Equal(ConsentOutcome.Released, result.Outcome);
    }
}
