using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Pdf;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Callbacks;
using Microsoft.Extensions.Configuration;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>
/// The main job: the iAM Smart journey end to end, printed step by step. With no <c>IAmSmart:Environment</c> (or
/// <c>Simulator</c>) it runs on the built-in simulator; with a configured environment it talks to that iAM Smart and
/// waits for the browser redirect and callbacks on <c>Sample:ListenUrl</c>.
/// </summary>
public static class SampleApp
{
    /// <summary>Runs the journey; returns the process exit code (0 only if every step succeeded).</summary>
    /// <param name="configuration">The <c>IAmSmart</c> and <c>Sample</c> sections.</param>
    /// <param name="output">Where to print the steps.</param>
    /// <param name="cancellationToken">Stops the journey.</param>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var environment = configuration["IAmSmart:Environment"];
        return string.IsNullOrEmpty(environment) || environment.Equals(nameof(IAmSmartEnvironment.Simulator), StringComparison.OrdinalIgnoreCase)
            ? await RunOnSimulatorAsync(configuration, output, cancellationToken)
            : await RunConfiguredAsync(configuration, output, cancellationToken);
    }

    private static async Task<int> RunOnSimulatorAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var personaId = configuration["Sample:Persona"] ?? "chan-tai-man";
        var redirectUri = new Uri(configuration["Sample:RedirectUri"] ?? "https://eservice.example/iamsmart/callback");
        // The simulator delivers its callbacks straight to the client, as the e-service's callback endpoint would.
        IAmSmartClient? client = null;
        using var simulator = new IAmSmartSimulator(new SimulatorOptions
        {
            // Bulk-signing callbacks (the BSQC token, the result pages) go to their own endpoint, as MapIAmSmartBulkSigningCallbacks would take them.
            CallbackSink = SimulatorCallbackSinks.Delegate((callback, ct) => callback.Function is "bdss" or "anonymous-bdss"
                ? client!.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct)
                : client!.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct)),
        });
        simulator.RegisterRedirectUri(redirectUri.AbsoluteUri);
        using var simulatorClient = client = simulator.CreateClient();
        var trust = new X509Certificate2Collection();
        trust.AddRange(simulator.CertificateAuthority.TrustAnchors);
        // The simulator's test CA publishes no revocation information, so checking it could only fail.
        var context = new JourneyContext(
            client, new SimulatedUserChannel(simulator, personaId), redirectUri, trust, [simulator.CertificateAuthority.IssuingCertificate], OutputDirectory(configuration), X509RevocationMode.NoCheck);
        return await RunJourneyAsync(context, output, cancellationToken);
    }

    private static async Task<int> RunConfiguredAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new IAmSmartOptions();
        configuration.GetSection(IAmSmartOptions.SectionName).Bind(options);
        var redirectUri = new Uri(configuration["Sample:RedirectUri"]
            ?? throw new InvalidOperationException("Set Sample:RedirectUri to the redirect URI registered for your e-service (it must reach Sample:ListenUrl)."));
        var listenUrl = new Uri(configuration["Sample:ListenUrl"] ?? "http://127.0.0.1:5190/");
        var timeout = TimeSpan.TryParse(configuration["Sample:Timeout"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.FromMinutes(5);

        using var client = IAmSmartClient.Create(options);
        await using var listener = new LocalCallbackListener(listenUrl, client, output, timeout);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout * 4);
        // Online (OCSP/CRL) unless Sample:Revocation says otherwise: the sandbox's test CA may publish nothing to check.
        var revocation = Enum.TryParse<X509RevocationMode>(configuration["Sample:Revocation"], ignoreCase: true, out var mode) ? mode : X509RevocationMode.Online;
        var context = new JourneyContext(
            client, listener, redirectUri, LoadCertificates(configuration["Sample:TrustAnchors"]), LoadCertificates(configuration["Sample:Intermediates"]), OutputDirectory(configuration), revocation);
        return await RunJourneyAsync(context, output, timeoutSource.Token);
    }

    private static string OutputDirectory(IConfiguration configuration) => Path.GetFullPath(configuration["Sample:OutputDirectory"] ?? "out");

    // PEM files, separated by ';': the roots to trust (Hongkong Post for production, the test roots of the sandbox).
    private static X509Certificate2Collection LoadCertificates(string? pemPaths)
    {
        var certificates = new X509Certificate2Collection();
        foreach (var path in (pemPaths ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            certificates.ImportFromPemFile(path);
        }

        return certificates;
    }

    private sealed record JourneyContext(
        IAmSmartClient Client,
        ILoginChannel Channel,
        Uri RedirectUri,
        X509Certificate2Collection TrustAnchors,
        X509Certificate2Collection Intermediates,
        string OutputDirectory,
        X509RevocationMode Revocation);

    private static async Task<int> RunJourneyAsync(JourneyContext context, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, channel, redirectUri) = (context.Client, context.Channel, context.RedirectUri);
        var journey = new Journey(output);
        output.WriteLine($"iAM Smart journey: {channel.Description}");
        output.WriteLine();

        await journey.StepAsync("Key exchange (getKey)", () => client.ContentKeys.GetAsync(cancellationToken).AsTask(),
            k => $"content key {k.Fingerprint}, expires {k.ExpiresAt:u}");

        // The e-service builds the login URL and keeps its state; the user answers in the iAM Smart app.
        var login = client.Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = redirectUri,
            Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling, IAmSmartScope.Sign, IAmSmartScope.BulkSign],
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
        });
        var callback = await journey.StepAsync("Login (user approves)", async () =>
        {
            var result = await channel.AuthorizeAsync(login, cancellationToken);
            if (!result.HasState(login.State))
            {
                throw new InvalidOperationException("The state returned does not match the state sent.");
            }

            return result.Code is not null
                ? result
                : throw new InvalidOperationException($"The user did not approve the login (error_code {result.ErrorCode}).");
        }, _ => $"source {login.Source}, authorisation code received, state matches");

        var token = await journey.StepAsync("Token (getToken)", () => client.Auth.GetTokenAsync(callback!.Code!, cancellationToken),
            t => $"user type {t.UserType}, scopes {string.Join(' ', t.Scopes)}, expires {t.ExpiresAt:u}");

        await ShareProfileAsync(journey, context, token, cancellationToken);
        await FillFormAsync(journey, context, token, cancellationToken);
        await SignHashAsync(journey, context, token, cancellationToken);
        await SignPdfAsync(journey, context, token, cancellationToken);
        await SignInBulkAsync(journey, context, token, cancellationToken);
        await FillFormAnonymouslyAsync(journey, context, cancellationToken);

        output.WriteLine();
        output.WriteLine($"{journey.Succeeded} of {journey.Attempted} steps succeeded.");
        return journey.Failed ? 1 : 0;
    }

    // The sample prints field names and a masked HKID only: personal data stays out of logs and consoles.
    private static string Released(DataRequestResult result)
        => $"released {string.Join(", ", result.Receipt.FieldsReleased)}; HKID {result.Data!.Hkid?.ToString() ?? "not shared"}; receipt {result.Receipt.Outcome}, txID {result.TxId}";

    private static DataRequestResult RequireReleased(DataRequestResult result)
        => result.IsReleased ? result : throw new InvalidOperationException($"The data was not released: {result.Outcome} ({result.Code}).");

    private static readonly FormDetails AccountOpeningForm = new("Savings account opening", "SA-001", "Open a savings account with Sample Bank");

    private static async Task ShareProfileAsync(Journey journey, JourneyContext context, AccessToken? token, CancellationToken cancellationToken)
    {
        var client = context.Client;
        await journey.StepAsync("Profile (user consents)", async () =>
        {
            var operation = await client.FormFilling.StartProfileAsync(new ProfileRequest
            {
                AccessToken = token!,
                CallbackUri = context.RedirectUri,
                Fields = ProfileField.Known,
                Source = IAmSmartSource.PcBrowser,
            }, cancellationToken);
            return RequireReleased(await operation.WaitForCompletionAsync(cancellationToken));
        }, Released);
    }

    private static async Task FillFormAsync(Journey journey, JourneyContext context, AccessToken? token, CancellationToken cancellationToken)
    {
        var client = context.Client;
        await journey.StepAsync("e-ME form filling", async () =>
        {
            var operation = await client.FormFilling.StartEMeAsync(new EMeRequest
            {
                AccessToken = token!,
                CallbackUri = context.RedirectUri,
                Fields = [EMeField.IdNo, EMeField.EnName, EMeField.ChName, EMeField.BirthDate, EMeField.MobileNumber, EMeField.EmailAddress, EMeField.ResidentialAddress],
                Form = AccountOpeningForm,
                Source = IAmSmartSource.PcBrowser,
            }, cancellationToken);
            return RequireReleased(await operation.WaitForCompletionAsync(cancellationToken));
        }, Released);
    }

    private static async Task FillFormAnonymouslyAsync(Journey journey, JourneyContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        await journey.StepAsync("Anonymous e-ME (no login)", async () =>
        {
            var pending = await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest
            {
                Fields = [EMeField.EnName, EMeField.MobileNumber, EMeField.EmailAddress],
                Form = new FormDetails("Product enquiry", "EN-001", "Ask Sample Bank to call back about a product"),
            }, cancellationToken);
            var login = client.FormFilling.CreateAnonymousLoginUrl(pending, context.RedirectUri, IAmSmartSource.PcBrowser);
            var redirect = await context.Channel.AuthorizeAsync(login, cancellationToken);
            return RequireReleased(await client.FormFilling.CompleteAnonymousEMeAsync(pending, redirect, login.State, cancellationToken));
        }, Released);
    }

    private static async Task SignHashAsync(Journey journey, JourneyContext context, AccessToken? token, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var hashCode = Convert.ToBase64String(SHA256.HashData("Account opening form, IAmSmart.Sdk sample"u8));
        var signed = await journey.StepAsync("Hash signing (user signs)", async () =>
        {
            // Check before asking: the SDK refuses (and iAM Smart would answer D70004) for a user who is not iAM Smart+.
            if (token is not { CanSign: true })
            {
                throw new InvalidOperationException($"The user is not iAM Smart+ (user type {token?.UserType.ToString() ?? "unknown"}) and cannot sign; iAM Smart would answer D70004.");
            }

            // The SDK begins, stores and (if iAM Smart does not start it) forgets the operation itself.
            var operation = await client.Signing.StartHashSigningAsync(new HashSigningRequest
            {
                AccessToken = token!,
                CallbackUri = context.RedirectUri,
                Source = IAmSmartSource.PcBrowser,
                HashCode = hashCode,
                Department = "Sample Bank",
                ServiceName = "Account opening",
                DocumentName = "Account opening form",
            }, cancellationToken);
            var initiation = operation.Initiation!;
            if (!initiation.IsStarted)
            {
                throw new InvalidOperationException($"iAM Smart refused to start signing: {initiation.Refusal} ({initiation.Code}).");
            }

            var outcome = await operation.WaitForCompletionAsync(cancellationToken);
            if (!outcome.IsSigned)
            {
                await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.NotReceived, cancellationToken);
                throw new InvalidOperationException($"The document was not signed: {outcome.Status} ({outcome.Code}).");
            }

            // No acknowledgement yet: SR001 says the e-service accepts the signature, which it may say only once it verifies.
            return (initiation.SignCode, outcome.Result, outcome.TxId, operation.BusinessId);
        }, r => $"sign code {r.SignCode} shown to the user, signed by '{MaskedSigner(r.Item2.Certificate)}', txID {r.TxId}");

        await journey.StepAsync("Hash signature verification", async () =>
        {
            var options = new SignatureVerificationOptions { RevocationMode = context.Revocation };
            options.TrustAnchors.AddRange(context.TrustAnchors);
            options.Intermediates.AddRange(context.Intermediates);
            var verification = client.Signing.Verify(signed.Item2, hashCode, options);
            if (!verification.IsValid)
            {
                // Tell iAM Smart the signature arrived but is refused (SR002), then stop: the document is not signed.
                await client.Signing.AcknowledgeAsync(signed.BusinessId, SigningAcknowledgement.Rejected, cancellationToken);
                throw new InvalidOperationException($"The signature failed the {verification.FailedCheck} check: {verification.Detail}; acknowledged {SigningAcknowledgement.Rejected}.");
            }

            await client.Signing.AcknowledgeAsync(signed.BusinessId, SigningAcknowledgement.Accepted, cancellationToken);
            return verification;
        }, _ => $"signature, key usage, validity and chain to {context.TrustAnchors.Count} trust anchor(s) all pass; acknowledged {SigningAcknowledgement.Accepted}");
    }

    private static async Task SignPdfAsync(Journey journey, JourneyContext context, AccessToken? token, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var signer = new PdfDeferredSigner();
        await journey.StepAsync("PDF signing (user signs)", async () =>
        {
            var prepared = await signer.PrepareAsync(SamplePdf.Create("Account opening agreement - IAmSmart.Sdk sample"), new PdfSignatureOptions { Reason = "Account opening" }, cancellationToken);
            var operation = await client.Signing.StartPdfSigningAsync(new PdfSigningRequest
            {
                AccessToken = token!,
                CallbackUri = context.RedirectUri,
                Source = IAmSmartSource.PcBrowser,
                DocDigest = prepared.DocDigest,
                Department = "Sample Bank",
                ServiceName = "Account opening",
                DocumentName = "account-opening.pdf",
            }, cancellationToken);
            var initiation = operation.Initiation!;
            if (!initiation.IsStarted)
            {
                throw new InvalidOperationException($"iAM Smart refused to start signing: {initiation.Refusal} ({initiation.Code}).");
            }

            var outcome = await operation.WaitForCompletionAsync(cancellationToken);
            if (!outcome.IsSigned)
            {
                throw new InvalidOperationException($"The PDF was not signed: {outcome.Status} ({outcome.Code}).");
            }

            // As for the hash: SR001 only once the signed PDF verifies; a signature that cannot be embedded or does not
            // verify is acknowledged SR002, and the step fails.
            byte[] signedPdf;
            string? failure;
            try
            {
                signedPdf = signer.Embed(prepared, outcome.Result!.PdfSignature.Span);
                var verifyOptions = new PdfVerificationOptions { RevocationMode = context.Revocation };
                verifyOptions.AdditionalCertificates.AddRange(context.Intermediates);
                var verification = new PdfSignatureVerifier().Verify(signedPdf, context.TrustAnchors, verifyOptions);
                failure = verification.IsValid ? null : $"{verification.FirstFailure?.Check} {verification.FirstFailure?.Detail}";
            }
            catch (PdfSigningException ex)
            {
                signedPdf = [];
                failure = $"the signature cannot be embedded ({ex.Reason})";
            }

            if (failure is not null)
            {
                await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Rejected, cancellationToken);
                throw new InvalidOperationException($"The signed PDF failed verification: {failure}; acknowledged {SigningAcknowledgement.Rejected}.");
            }

            await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Accepted, cancellationToken);
            Directory.CreateDirectory(context.OutputDirectory);
            var path = Path.Combine(context.OutputDirectory, "account-opening-signed.pdf");
            await File.WriteAllBytesAsync(path, signedPdf, cancellationToken);
            return path;
        }, path => $"signed, embedded, verified; written to {path}");
    }

    /// <summary>
    /// Bulk signing (addendum §A4): two prepared PDFs and a hash in one approval. Each document is verified on its own
    /// and acknowledged on its own (SR001 once it verifies, SR002 when it does not, SR003 when no signature came); the
    /// step succeeds only when all three verify.
    /// </summary>
    private static async Task SignInBulkAsync(Journey journey, JourneyContext context, AccessToken? token, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var signer = new PdfDeferredSigner();
        await journey.StepAsync("Bulk signing (3 documents)", async () =>
        {
            var agreement = await signer.PrepareAsync(SamplePdf.Create("Client agreement - IAmSmart.Sdk sample"), new PdfSignatureOptions { Reason = "Account opening" }, cancellationToken);
            var disclosure = await signer.PrepareAsync(SamplePdf.Create("Risk disclosure statement - IAmSmart.Sdk sample"), new PdfSignatureOptions { Reason = "Account opening" }, cancellationToken);
            var mandateHash = Convert.ToBase64String(SHA256.HashData("Direct-debit mandate, IAmSmart.Sdk sample"u8));
            var operation = await client.Signing.StartBulkSigningAsync(new BulkSigningRequest
            {
                AccessToken = token!,
                TokenCallbackUri = context.RedirectUri,
                ResultCallbackUri = context.RedirectUri,
                Source = IAmSmartSource.PcBrowser,
                Department = "Sample Bank",
                ServiceName = "Account opening",
                RequestName = "Account-opening pack",
                Documents =
                [
                    new BulkPdfDocument { Id = "agreement", DocumentName = "client-agreement.pdf", DocDigest = agreement.DocDigest },
                    new BulkPdfDocument { Id = "disclosure", DocumentName = "risk-disclosure.pdf", DocDigest = disclosure.DocDigest },
                    new BulkHashDocument { Id = "mandate", DocumentName = "Direct-debit mandate", HashCode = mandateHash },
                ],
            }, cancellationToken);
            if (operation.Initiation is { IsStarted: false } refused)
            {
                throw new InvalidOperationException($"iAM Smart refused to start bulk signing: {refused.Refusal} ({refused.Code}).");
            }

            var outcome = await operation.WaitForCompletionAsync(cancellationToken);
            if (!outcome.IsSigned)
            {
                throw new InvalidOperationException($"Nothing was signed: {outcome.Status} ({outcome.Code}).");
            }

            var acknowledgements = new List<BulkDocumentAcknowledgement>();
            var failures = new List<string>();
            foreach (var (id, prepared) in new[] { ("agreement", agreement), ("disclosure", disclosure) })
            {
                var failure = VerifyBulkPdf(signer, prepared, outcome.Find(id)?.PdfResult, context);
                Acknowledge(id, failure, outcome.Find(id)?.IsSigned == true);
            }

            var mandate = outcome.Find("mandate")?.HashResult;
            var hashFailure = mandate is null ? "no signature" : VerifyHash(client, mandate, mandateHash, context);
            Acknowledge("mandate", hashFailure, mandate is not null);
            await client.Signing.AcknowledgeBulkSigningAsync(operation.BusinessId, acknowledgements, cancellationToken);
            return failures.Count == 0
                ? acknowledgements.Count
                : throw new InvalidOperationException($"Not every document verifies: {string.Join("; ", failures)}.");

            void Acknowledge(string id, string? failure, bool received)
            {
                acknowledgements.Add(new BulkDocumentAcknowledgement(
                    id, failure is null ? SigningAcknowledgement.Accepted : received ? SigningAcknowledgement.Rejected : SigningAcknowledgement.NotReceived));
                if (failure is not null)
                {
                    failures.Add($"{id}: {failure}");
                }
            }
        }, count => $"{count} of 3 documents signed and verified (2 PDFs, 1 hash); acknowledged {SigningAcknowledgement.Accepted} per document");
    }

    private static string? VerifyBulkPdf(PdfDeferredSigner signer, PreparedPdf prepared, PdfSigningResult? result, JourneyContext context)
    {
        if (result is null)
        {
            return "no signature";
        }

        try
        {
            var signedPdf = signer.Embed(prepared, result.PdfSignature.Span);
            var options = new PdfVerificationOptions { RevocationMode = context.Revocation };
            options.AdditionalCertificates.AddRange(context.Intermediates);
            var verification = new PdfSignatureVerifier().Verify(signedPdf, context.TrustAnchors, options);
            return verification.IsValid ? null : $"{verification.FirstFailure?.Check} {verification.FirstFailure?.Detail}";
        }
        catch (PdfSigningException ex)
        {
            return $"the signature cannot be embedded ({ex.Reason})";
        }
    }

    private static string? VerifyHash(IAmSmartClient client, HashSigningResult result, string hashCode, JourneyContext context)
    {
        var options = new SignatureVerificationOptions { RevocationMode = context.Revocation };
        options.TrustAnchors.AddRange(context.TrustAnchors);
        options.Intermediates.AddRange(context.Intermediates);
        var verification = client.Signing.Verify(result, hashCode, options);
        return verification.IsValid ? null : $"{verification.FailedCheck} {verification.Detail}";
    }

    // In production the signer certificate's subject is the holder's name: show its first letter only, and the issuing
    // CA in full (a CA name is not personal data), so the output still tells a test CA from Hongkong Post.
    private static string MaskedSigner(string certificateBase64)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateBase64));
        var subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var masked = string.IsNullOrEmpty(subject) ? "?" : $"{subject[0]}***";
        return $"{masked}, issued by {certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true)}";
    }
}
