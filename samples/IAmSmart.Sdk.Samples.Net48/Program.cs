// The iAM Smart journey on .NET Framework 4.8 (the netstandard2.0 builds of IAmSmart.Sdk and IAmSmart.Sdk.Pdf), against an iAM Smart
// simulator server over loopback HTTP. Every login URL is printed on a line "LOGIN-URL <url>"; the user (or a test
// acting for the simulator's persona) logs in there and the browser's redirect comes back to --listen-url, where the
// server callbacks (POST) arrive too. Exit code 0 only if every step succeeded.
//
//   mono IAmSmart.Sdk.Samples.Net48.exe --base-url http://127.0.0.1:5181/ --client-id ID --client-secret SECRET
//        --kek-pem test-kek.pem --listen-url http://127.0.0.1:5190/ --trust-anchor test-root-ca.pem
//        --intermediate test-issuing-ca.pem
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Pdf;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.Samples.Net48;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"The sample stopped: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var listenUrl = new Uri(Argument(args, "--listen-url") ?? "http://127.0.0.1:5190/");
        var redirectUri = new Uri(Argument(args, "--redirect-uri") ?? new Uri(listenUrl, "iamsmart/callback").AbsoluteUri);
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            BaseUrl = new Uri(Argument(args, "--base-url") ?? "http://127.0.0.1:5181/"),
            ClientId = Argument(args, "--client-id") ?? throw new ArgumentException("--client-id is required."),
            ClientSecret = Argument(args, "--client-secret") ?? throw new ArgumentException("--client-secret is required."),
        };
        options.EnciphermentCertificate.PemPath = Argument(args, "--kek-pem") ?? throw new ArgumentException("--kek-pem is required.");
        var trustAnchors = LoadPem(Argument(args, "--trust-anchor"));
        var intermediates = LoadPem(Argument(args, "--intermediate"));
        var timeout = TimeSpan.FromSeconds(int.TryParse(Argument(args, "--timeout-seconds"), out var s) ? s : 120);

        Console.WriteLine($"iAM Smart journey on {Runtime()}, SDK {typeof(IAmSmartClient).Assembly.GetName().Version} ({TargetFramework(typeof(IAmSmartClient))}), PDF ({TargetFramework(typeof(PdfDeferredSigner))})");
        using var client = IAmSmartClient.Create(options);
        using var listener = new Listener(listenUrl, client);
        using var stop = new CancellationTokenSource(timeout);
        var ct = stop.Token;
        var journey = new Journey();

        await journey.StepAsync("Key exchange (getKey)", () => client.ContentKeys.GetAsync(ct).AsTask(), k => $"content key {k.Fingerprint}");

        var login = client.Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = redirectUri,
            Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling, IAmSmartScope.Sign],
            UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko",
        });
        var callback = await journey.StepAsync("Login (user approves)", async () =>
        {
            var result = await listener.AuthorizeAsync(login, ct);
            if (!result.HasState(login.State))
            {
                throw new InvalidOperationException("The state returned does not match the state sent.");
            }

            return result.Code is not null ? result : throw new InvalidOperationException($"The user did not approve the login ({result.ErrorCode}).");
        }, _ => "authorisation code received, state matches");

        var token = await journey.StepAsync("Token (getToken)", () => client.Auth.GetTokenAsync(callback!.Code!, ct),
            t => $"user type {t.UserType}, scopes {string.Join(" ", t.Scopes.Select(x => x.Value))}");

        await journey.StepAsync("Profile (user consents)", async () =>
        {
            var pending = await client.FormFilling.RequestProfileAsync(new ProfileRequest
            {
                AccessToken = token!,
                CallbackUri = redirectUri,
                Fields = ProfileField.Known,
                Source = IAmSmartSource.PcBrowser,
            }, ct);
            return RequireReleased(await client.FormFilling.WaitForResultAsync(pending, ct));
        }, Released);

        await journey.StepAsync("e-ME form filling", async () =>
        {
            var pending = await client.FormFilling.RequestEMeAsync(new EMeRequest
            {
                AccessToken = token!,
                CallbackUri = redirectUri,
                Fields = [EMeField.IdNo, EMeField.EnName, EMeField.ChName, EMeField.BirthDate, EMeField.MobileNumber, EMeField.EmailAddress, EMeField.ResidentialAddress],
                Form = new FormDetails("Savings account opening", "SA-001", "Open a savings account with Sample Bank"),
                Source = IAmSmartSource.PcBrowser,
            }, ct);
            var result = RequireReleased(await client.FormFilling.WaitForResultAsync(pending, ct));
            return result.Data?.DateOfBirth is null ? throw new InvalidOperationException("The date of birth did not parse.") : result;
        }, Released);

        string hashCode;
        using (var sha = SHA256.Create())
        {
            hashCode = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes("Account opening form, IAmSmart.Sdk net48 sample")));
        }

        var signed = await journey.StepAsync("Hash signing (user signs)", async () =>
        {
            var operation = await client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, ct);
            var initiation = await client.Signing.InitiateHashSigningAsync(new HashSigningRequest
            {
                AccessToken = token!,
                CallbackUri = redirectUri,
                BusinessId = operation.BusinessId,
                State = operation.State,
                Source = IAmSmartSource.PcBrowser,
                HashCode = hashCode,
                Department = "Sample Bank",
                ServiceName = "Account opening",
                DocumentName = "Account opening form",
            }, ct);
            if (!initiation.IsStarted)
            {
                throw new InvalidOperationException($"iAM Smart refused to start signing: {initiation.Refusal} ({initiation.Code}).");
            }

            var outcome = await client.Signing.WaitForHashSigningAsync(operation.BusinessId, ct);
            if (!outcome.IsSigned)
            {
                await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.NotReceived, ct);
                throw new InvalidOperationException($"The document was not signed: {outcome.Status} ({outcome.Code}).");
            }

            return Tuple.Create(outcome.Result!, operation.BusinessId, initiation.SignCode);
        }, r => $"sign code {r.Item3}");

        await journey.StepAsync("Hash signature verification", async () =>
        {
            var verifyOptions = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck };
            verifyOptions.TrustAnchors.AddRange(trustAnchors);
            verifyOptions.Intermediates.AddRange(intermediates);
            var verification = client.Signing.Verify(signed!.Item1, hashCode, verifyOptions);
            if (!verification.IsValid)
            {
                await client.Signing.AcknowledgeAsync(signed.Item2, SigningAcknowledgement.Rejected, ct);
                throw new InvalidOperationException($"The signature failed the {verification.FailedCheck} check: {verification.Detail}.");
            }

            await client.Signing.AcknowledgeAsync(signed.Item2, SigningAcknowledgement.Accepted, ct);
            return verification;
        }, _ => $"chain to {trustAnchors.Count} trust anchor(s) passes; acknowledged {SigningAcknowledgement.Accepted}");

        // PDF signing: prepare the document here, the user signs its docDigest in iAM Smart, then the CMS that comes
        // back is embedded and the signed PDF verified (SR001 only once it verifies, SR002 otherwise).
        var pdfSigner = new PdfDeferredSigner();
        var pdfSigned = await journey.StepAsync("PDF signing (user signs)", async () =>
        {
            var prepared = await pdfSigner.PrepareAsync(SamplePdf.Create("Account opening agreement - IAmSmart.Sdk net48 sample"), new PdfSignatureOptions { Reason = "Account opening" }, ct);
            var operation = await client.Signing.StartPdfSigningAsync(new PdfSigningRequest
            {
                AccessToken = token!,
                CallbackUri = redirectUri,
                Source = IAmSmartSource.PcBrowser,
                DocDigest = prepared.DocDigest,
                Department = "Sample Bank",
                ServiceName = "Account opening",
                DocumentName = "account-opening.pdf",
            }, ct);
            var initiation = operation.Initiation!;
            if (!initiation.IsStarted)
            {
                throw new InvalidOperationException($"iAM Smart refused to start signing: {initiation.Refusal} ({initiation.Code}).");
            }

            var outcome = await operation.WaitForCompletionAsync(ct);
            if (!outcome.IsSigned)
            {
                await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.NotReceived, ct);
                throw new InvalidOperationException($"The PDF was not signed: {outcome.Status} ({outcome.Code}).");
            }

            return Tuple.Create(prepared, outcome.Result!.PdfSignature, operation.BusinessId);
        }, r => $"docDigest {r.Item1.DocDigest}, CMS of {r.Item2.Length} bytes");

        await journey.StepAsync("PDF embed and verification", async () =>
        {
            string failure;
            PdfVerificationResult verification = null;
            try
            {
                var signedPdf = pdfSigner.Embed(pdfSigned!.Item1, pdfSigned.Item2.Span);
                var verifyOptions = new PdfVerificationOptions { RevocationMode = X509RevocationMode.NoCheck };
                verifyOptions.AdditionalCertificates.AddRange(intermediates);
                verification = new PdfSignatureVerifier().Verify(signedPdf, trustAnchors, verifyOptions);
                failure = verification.IsValid ? null : $"the {verification.FirstFailure?.Check} check failed: {verification.FirstFailure?.Detail}";
            }
            catch (PdfSigningException ex)
            {
                failure = $"the signature cannot be embedded ({ex.Reason}: {ex.Message})";
            }

            if (failure is not null)
            {
                await client.Signing.AcknowledgeAsync(pdfSigned.Item3, SigningAcknowledgement.Rejected, ct);
                throw new InvalidOperationException($"The signed PDF failed: {failure}; acknowledged {SigningAcknowledgement.Rejected}.");
            }

            await client.Signing.AcknowledgeAsync(pdfSigned.Item3, SigningAcknowledgement.Accepted, ct);
            return verification!;
        }, v => $"{v.Checks.Count} checks pass ({string.Join(", ", v.Checks.Select(c => c.Check))}); acknowledged {SigningAcknowledgement.Accepted}");

        await journey.StepAsync("Anonymous e-ME (no login)", async () =>
        {
            var pending = await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest
            {
                Fields = [EMeField.EnName, EMeField.MobileNumber, EMeField.EmailAddress],
                Form = new FormDetails("Product enquiry", "EN-001", "Ask Sample Bank to call back about a product"),
            }, ct);
            var anonymousLogin = client.FormFilling.CreateAnonymousLoginUrl(pending, redirectUri, IAmSmartSource.PcBrowser);
            var redirect = await listener.AuthorizeAsync(anonymousLogin, ct);
            return RequireReleased(await client.FormFilling.CompleteAnonymousEMeAsync(pending, redirect, anonymousLogin.State, ct));
        }, Released);

        Console.WriteLine($"{journey.Succeeded} of {journey.Attempted} steps succeeded.");
        return journey.Failed ? 1 : 0;
    }

    private static DataRequestResult RequireReleased(DataRequestResult result)
        => result.IsReleased ? result : throw new InvalidOperationException($"The data was not released: {result.Outcome} ({result.Code}).");

    private static string Released(DataRequestResult result) => $"released {string.Join(", ", result.Receipt.FieldsReleased)}";

    private static string Runtime()
        => Type.GetType("Mono.Runtime") is { } mono
            ? $"Mono {mono.GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.Invoke(null, null)}"
            : $".NET Framework {Environment.Version}";

    private static string TargetFramework(Type type)
        => type.Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .OfType<System.Runtime.Versioning.TargetFrameworkAttribute>().FirstOrDefault()?.FrameworkName ?? "?";

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // PEM certificates (one or more in a file); X509Certificate2Collection.ImportFromPemFile is .NET 5+.
    private static X509Certificate2Collection LoadPem(string? path)
    {
        var certificates = new X509Certificate2Collection();
        if (string.IsNullOrEmpty(path))
        {
            return certificates;
        }

        const string Begin = "-----BEGIN CERTIFICATE-----", End = "-----END CERTIFICATE-----";
        var text = File.ReadAllText(path);
        for (var start = text.IndexOf(Begin, StringComparison.Ordinal); start >= 0; start = text.IndexOf(Begin, start + 1, StringComparison.Ordinal))
        {
            var end = text.IndexOf(End, start, StringComparison.Ordinal);
            var body = text.Substring(start + Begin.Length, end - start - Begin.Length);
            certificates.Add(new X509Certificate2(Convert.FromBase64String(body)));
        }

        return certificates;
    }

    /// <summary>Runs named steps in order, prints each with its outcome, and stops at the first failure.</summary>
    private sealed class Journey
    {
        public bool Failed { get; private set; }

        public int Succeeded { get; private set; }

        public int Attempted { get; private set; }

        public async Task<T?> StepAsync<T>(string name, Func<Task<T>> step, Func<T, string> describe)
        {
            if (Failed)
            {
                return default;
            }

            Attempted++;
            var watch = Stopwatch.StartNew();
            try
            {
                var result = await step();
                Console.WriteLine($"[{Attempted}] {name,-28} ok    {watch.ElapsedMilliseconds,5} ms  {describe(result)}");
                Succeeded++;
                return result;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var code = ex is IAmSmartException { Code: { } c } ? $" [{c}]" : string.Empty;
                Console.WriteLine($"[{Attempted}] {name,-28} FAIL  {watch.ElapsedMilliseconds,5} ms  {ex.GetType().Name}{code}: {ex.Message}");
                Console.WriteLine(ex.ToString());
                Failed = true;
                return default;
            }
        }
    }

    /// <summary>The e-service's endpoint: the browser's login redirect (GET) and the server callbacks (POST).</summary>
    private sealed class Listener : IDisposable
    {
        private static readonly byte[] Acknowledgement = Encoding.UTF8.GetBytes("{\"code\":\"D00000\",\"message\":\"SUCCESS\"}");
        private readonly HttpListener _listener = new();
        private readonly IAmSmartClient _client;
        private readonly BlockingCollection<AuthCallback> _redirects = new();

        public Listener(Uri listenUrl, IAmSmartClient client)
        {
            _client = client;
            _listener.Prefixes.Add(listenUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? listenUrl.AbsoluteUri : listenUrl.AbsoluteUri + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Task<AuthCallback> AuthorizeAsync(LoginUrl login, CancellationToken cancellationToken)
        {
            Console.WriteLine($"LOGIN-URL {login.Url.AbsoluteUri}");
            return Task.Run(() => _redirects.Take(cancellationToken), cancellationToken);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            var response = context.Response;
            try
            {
                if (context.Request.HttpMethod == "GET" && context.Request.Url?.Query is { Length: > 1 } query)
                {
                    _redirects.Add(AuthCallback.Parse(query));
                    await WriteAsync(response, 200, "text/plain", Encoding.UTF8.GetBytes("iAM Smart login received."));
                }
                else if (context.Request.HttpMethod == "POST")
                {
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    var receipt = await _client.Operations.AcceptCallbackAsync(body.ToArray());
                    await WriteAsync(response, receipt.IsAcknowledged ? 200 : 400, "application/json", Acknowledgement);
                }
                else
                {
                    await WriteAsync(response, 404, "text/plain", Encoding.UTF8.GetBytes("Not found."));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"    listener: {ex.GetType().Name}: {ex.Message}");
                await WriteAsync(response, 400, "text/plain", Encoding.UTF8.GetBytes("Bad request."));
            }
        }

        private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, 0, body.Length);
            response.Close();
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _redirects.Dispose();
        }
    }
}
