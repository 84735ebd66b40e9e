using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Callbacks;

/// <summary>
/// A callback that names a member twice reads one way to this SDK (the last wins) and another to a parser that takes the
/// first: it is refused as malformed wherever a callback is read, changes nothing, and the genuine callback still completes.
/// </summary>
[Trait("Category", "Security")]
public sealed class DuplicateMemberCallbackTests
{
    private const string Id = "dup-op-1";
    private const string State = "dup-state-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CallbackBuilder Builder => TestVectors.Callbacks;

    public static TheoryData<string> Hostile() => new()
    {
        // The envelope: a failure code first, success last (what this SDK would read), or the other way round.
        Builder.Success(CallbackBuilder.StepUpPayload(Id, State)).Replace("\"code\":\"D00000\"", "\"code\":\"D80001\",\"code\":\"D00000\"", StringComparison.Ordinal),
        Builder.Success(CallbackBuilder.StepUpPayload(Id, State)).Replace("\"code\":\"D00000\"", "\"code\":\"D00000\",\"code\":\"D80001\"", StringComparison.Ordinal),

        // The decrypted payload: another operation's businessID first, or two verdicts.
        Builder.Success($$"""{"businessID":"someone-else","businessID":"{{Id}}","state":"{{State}}","isPassed":true}"""),
        Builder.Success($$"""{"businessID":"{{Id}}","state":"{{State}}","isPassed":false,"isPassed":true}"""),

        // A failure whose ids travel in clear (contract §2.2).
        $$$"""{"code":"D80001","content":{"businessID":"someone-else","businessID":"{{{Id}}}","state":"{{{State}}}"}}""",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_callback_naming_a_member_twice_is_malformed_and_the_genuine_one_still_completes(string hostile)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        _ = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Id, State, Ct);

        var refused = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(hostile), Ct);

        Assert.Equal(CallbackRejection.Malformed, refused.Rejection);
        Assert.Null((await client.Operations.Store.GetAsync(Id, Ct))!.Completion);

        var genuine = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(Builder.Success(CallbackBuilder.StepUpPayload(Id, State))), Ct);

        Assert.Equal(CallbackDisposition.Accepted, genuine.Disposition);
        Assert.True(StepUpResult.FromCallback((await client.Operations.GetResultAsync(Id, Ct))!).IsPassed);
    }

    [Fact]
    public async Task The_callback_processor_refuses_a_member_named_twice_too()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var body = Builder.Success(CallbackBuilder.StepUpPayload(Id, State)).Replace("\"txID\":", "\"txID\":\"T-1\",\"txID\":", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(body), Ct));

        Assert.Equal(CallbackRejection.Malformed, ex.Rejection);
    }
}
