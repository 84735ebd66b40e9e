using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>How signing ends: signed with a typed result, or a status to switch on; never an exception for the user's choice.</summary>
public sealed class SigningOutcomeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IAmSmartCallback Callback(string code, string? payload = null)
    {
        var outcome = ReturnCodes.TryGet(code, out var info) ? info.Outcome : null;
        var status = code == ReturnCodes.Success ? CallbackStatus.Succeeded : outcome is null ? CallbackStatus.Failed : CallbackStatus.UserOutcome;
        using var document = payload is null ? null : JsonDocument.Parse(payload);
        return new IAmSmartCallback(status, code, CallbackBuilder.TxId, "biz-1", "state-1", document?.RootElement, outcome);
    }

    [Theory]
    [InlineData("D70000", SigningStatus.Cancelled)]
    [InlineData("D70001", SigningStatus.Rejected)]
    [InlineData("D70002", SigningStatus.Failed)]
    [InlineData("D70003", SigningStatus.TimedOut)]
    [InlineData("D70004", SigningStatus.NotSigningCapable)]
    [InlineData("D70005", SigningStatus.IdentityMismatch)]
    [InlineData("D29999", SigningStatus.Failed)]
    public void Failure_callbacks_are_outcomes_not_exceptions(string code, SigningStatus status)
    {
        var hash = SigningOutcome.FromHashCallback(Callback(code));
        var pdf = SigningOutcome.FromPdfCallback(Callback(code));

        Assert.Equal(status, hash.Status);
        Assert.Equal(status, pdf.Status);
        Assert.False(hash.IsSigned);
        Assert.Null(hash.Result);
        Assert.Equal(code, hash.Code);
        Assert.Equal("biz-1", pdf.BusinessId);
    }

    [Fact]
    public void No_callback_before_expiry_is_timed_out()
    {
        var outcome = SigningOutcome.FromHashCallback(new IAmSmartCallback(CallbackStatus.NotReceived, null, null, "biz-1", "state-1", null, UserOutcome.TimedOut));

        Assert.Equal(SigningStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.Code);
    }

    [Fact]
    public void Hash_callback_from_the_vector_file_gives_a_typed_result_that_verifies()
    {
        var v = TestVectors.Object("hashSigning");
        var payload = v["callbackPayload"]!;
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var outcome = SigningOutcome.FromHashCallback(Callback(ReturnCodes.Success, payload.ToJson()));

        Assert.True(outcome.IsSigned);
        Assert.Equal(payload.Str("hashCode"), outcome.Result.HashCode);
        Assert.Equal(payload.Str("cert"), outcome.Result.Certificate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(payload.Long("timestamp")), outcome.Result.Timestamp);
        var options = VectorOptions(v);
        using var cert = outcome.Result.LoadCertificate();
        var atSigning = VerifiableResult(outcome.Result, cert);
        Assert.True(client.Signing.Verify(atSigning, v.Str("hashCode"), options).IsValid);
        Assert.DoesNotContain(payload.Str("signature")[..20], outcome.Result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(payload.Str("cert")[..20], outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_fails_on_a_digest_mismatch_before_any_other_check()
    {
        var v = TestVectors.Object("hashSigning");
        var outcome = SigningOutcome.FromHashCallback(Callback(ReturnCodes.Success, v["callbackPayload"]!.ToJson()));
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        using var cert = outcome.Result!.LoadCertificate();

        var result = client.Signing.Verify(VerifiableResult(outcome.Result, cert), SigningFixtures.HashCode, VectorOptions(v));

        Assert.Equal(SignatureCheck.HashCode, result.FailedCheck);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Success_callback_without_a_signature_is_a_service_error_that_quotes_nothing()
    {
        var error = Assert.Throws<IAmSmartServiceException>(() => SigningOutcome.FromHashCallback(
            Callback(ReturnCodes.Success, """{"businessID":"biz-1","state":"state-1","hashCode":"AAAA"}""")));

        Assert.DoesNotContain("AAAA", error.Message, StringComparison.Ordinal);
        Assert.Equal(CallbackBuilder.TxId, error.TxId);
    }

    [Fact]
    public void Pdf_callback_gives_the_decoded_CMS_bytes()
    {
        var cms = new byte[] { 0x30, 0x82, 0x01, 0x02, 0x06, 0x09 };
        var outcome = SigningOutcome.FromPdfCallback(Callback(
            ReturnCodes.Success, $$"""{"businessID":"biz-1","state":"state-1","docDigest":"{{SigningFixtures.DocDigest}}","pdfSignature":"{{Convert.ToBase64String(cms)}}"}"""));

        Assert.True(outcome.IsSigned);
        Assert.Equal(SigningFixtures.DocDigest, outcome.Result.DocDigest);
        Assert.Equal(cms, outcome.Result.PdfSignature.ToArray());
        Assert.Throws<IAmSmartServiceException>(() => SigningOutcome.FromPdfCallback(Callback(
            ReturnCodes.Success, """{"docDigest":"AAAA","pdfSignature":"not base64!"}""")));
    }

    [Fact]
    public async Task Whole_hash_signing_begin_initiate_callback_wait_gives_a_signed_outcome()
    {
        var v = TestVectors.Object("hashSigning");
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, """{"signCode":"0427","authByQR":true}"""));
        var operation = await client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        var request = SigningFixtures.Hash();
        await client.Signing.InitiateHashSigningAsync(
            new HashSigningRequest
            {
                AccessToken = request.AccessToken,
                CallbackUri = request.CallbackUri,
                BusinessId = operation.BusinessId,
                State = operation.State,
                HashCode = v.Str("hashCode"),
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
            },
            Ct);
        var payload = v["callbackPayload"]!.DeepClone().AsObject();
        payload["businessID"] = operation.BusinessId;
        payload["state"] = operation.State;

        var receipt = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(payload.ToJson(), wrapped: true)), Ct);
        var outcome = await client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.True(outcome.IsSigned);
        Assert.Equal(v.Str("hashCode"), outcome.Result.HashCode);
        Assert.Equal(operation.BusinessId, outcome.BusinessId);
    }

    [Theory]
    [InlineData("D70005", SigningStatus.IdentityMismatch)]
    [InlineData("D70004", SigningStatus.NotSigningCapable)]
    public async Task Refusal_at_initiation_is_a_value_with_its_code(string code, SigningStatus status)
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.PdfSigning.Path, (_, _) => VectorClient.Failure(code, "inconsistent HKIC number"));
        var client = VectorClient.Create(handler);

        var initiation = await client.Signing.InitiatePdfSigningAsync(SigningFixtures.Pdf(), Ct);

        Assert.False(initiation.IsStarted);
        Assert.Equal(status, initiation.Refusal);
        Assert.Equal(code, initiation.Code);
        Assert.Null(initiation.SignCode);
        Assert.Null(initiation.AppLink);
    }

    [Fact]
    public async Task Configuration_and_expiry_failures_stay_exceptions()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.HashSigning.Path, (_, n) => VectorClient.Failure(n == 1 ? "D20008" : "D20009"))
            .OnJson(IAmSmartFunctions.SigningAck.Path, (_, _) => VectorClient.Failure("D70006"));
        var client = VectorClient.Create(handler);

        await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(), Ct));
        await Assert.ThrowsAsync<IAmSmartExpiredException>(() => client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(), Ct));
        var ack = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Signing.AcknowledgeAsync("biz-1", SigningAcknowledgement.Accepted, Ct));
        Assert.Equal("D70006", ack.Code);
    }

    [Theory]
    [InlineData("D70004", SigningStatus.NotSigningCapable)]
    [InlineData("D70005", SigningStatus.IdentityMismatch)]
    [InlineData("D70002", SigningStatus.Failed)]
    [InlineData("D77000", SigningStatus.Failed)]
    [InlineData("D77001", SigningStatus.FaceRecognitionFailed)]
    [InlineData("D77002", SigningStatus.NfcFailed)]
    [InlineData("D77003", SigningStatus.NfcNotSupported)]
    [InlineData("D77004", SigningStatus.InWaitingPeriod)]
    public async Task Anonymous_getResult_refusal_is_an_outcome(string code, SigningStatus status)
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.AnonymousPdfSigningResult.Path, (_, _) => VectorClient.Failure(code));
        var client = VectorClient.Create(handler);

        var outcome = await client.Signing.GetAnonymousPdfSigningResultAsync(SigningFixtures.Token(), Ct);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(code, outcome.Code);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.AnonymousPdfSigningResult.Path)); // getResult is retry-safe, but an outcome is not retried
    }

    [Theory]
    [InlineData("D40000", SigningStatus.Cancelled)]
    [InlineData("D40001", SigningStatus.Rejected)]
    [InlineData("D40003", SigningStatus.TimedOut)]
    public async Task Anonymous_login_the_user_ended_is_an_outcome_without_any_call(string errorCode, SigningStatus status)
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);
        var initiation = Initiation();

        var outcome = await client.Signing.CompleteAnonymousHashSigningAsync(
            initiation, AuthCallback.Parse($"?error_code={errorCode}&state={initiation.State}&businessID={initiation.BusinessId}"), Ct);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(errorCode, outcome.Code);
        Assert.Equal(initiation.BusinessId, outcome.BusinessId);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Anonymous_redirect_of_another_request_or_with_a_request_fault_is_an_exception()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var initiation = Initiation();

        var wrongState = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.CompleteAnonymousPdfSigningAsync(
            initiation, AuthCallback.Parse("?code=abc&state=other-state&businessID=biz-3"), Ct));
        var wrongBusiness = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.CompleteAnonymousPdfSigningAsync(
            initiation, AuthCallback.Parse("?code=abc&state=state-3&businessID=biz-9"), Ct));
        await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.Signing.CompleteAnonymousPdfSigningAsync(
            initiation, AuthCallback.Parse("?error_code=D20008&state=state-3"), Ct));

        Assert.Equal("redirect", wrongState.ParamName);
        Assert.Equal("redirect", wrongBusiness.ParamName);
    }

    [Fact]
    public void Outcome_factory_refuses_inconsistent_values()
    {
        Assert.Throws<ArgumentException>(() => SigningOutcome.NotSigned<HashSigningResult>(SigningStatus.Signed));
        Assert.Throws<ArgumentNullException>(() => SigningOutcome.Signed<HashSigningResult>(null!));
        var signed = SigningOutcome.Signed(new PdfSigningResult(SigningFixtures.DocDigest, [1, 2, 3]), "biz-1");
        Assert.True(signed.IsSigned);
        Assert.Equal(ReturnCodes.Success, signed.Code);
    }

    [Fact]
    public void Sign_code_computation_gives_four_digits_deterministically()
    {
        var withLogin = SignCode.ComputeWithLogin(SigningFixtures.HashCode, "open+id/1=");
        var anonymous = SignCode.ComputeAnonymous(SigningFixtures.HashCode, SigningFixtures.HkicHash, "client-1");

        Assert.Matches("^[0-9]{4}$", withLogin);
        Assert.Matches("^[0-9]{4}$", anonymous);
        Assert.Equal(withLogin, SignCode.ComputeWithLogin(SigningFixtures.HashCode, "open+id/1="));
        Assert.True(Enumerable.Range(0, 20).Select(i => SignCode.ComputeWithLogin(SigningFixtures.HashCode, "open-" + i)).Distinct().Count() > 1);
    }

    private static AnonymousSigningInitiation Initiation()
        => new("biz-3", "state-3", "tk-1", "1234", AuthByQr: false, SigningFixtures.RedirectUri, IAmSmartSource.PcBrowser);

    private static SignatureVerificationOptions VectorOptions(System.Text.Json.Nodes.JsonNode v)
    {
        // The vector's test CA publishes no revocation information.
        var options = new SignatureVerificationOptions
        {
            RevocationMode = X509RevocationMode.NoCheck,
            TimeProvider = new FakeTimeProvider(WithinValidity(v)),
        };
        options.TrustAnchors.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(v.Str("trustedRoot"))));
        options.Intermediates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(v.Str("intermediate"))));
        return options;
    }

    // The chain is checked at the verification time: pick one inside the vector certificate's validity.
    private static DateTimeOffset WithinValidity(System.Text.Json.Nodes.JsonNode v)
    {
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(v["callbackPayload"]!.Str("cert")));
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime());
        return notBefore + ((new DateTimeOffset(cert.NotAfter.ToUniversalTime()) - notBefore) / 2);
    }

    // The vector's timestamp may fall outside its certificate's validity (see VectorTests); move it inside, so that
    // these tests check the signing client's wiring, not the vector file's dates.
    private static HashSigningResult VerifiableResult(HashSigningResult result, X509Certificate2 cert)
    {
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime());
        var middle = notBefore + ((new DateTimeOffset(cert.NotAfter.ToUniversalTime()) - notBefore) / 2);
        return new HashSigningResult(result.HashCode, middle, result.Signature, result.Certificate);
    }
}
