using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// The functions with login that ask the user for consent and answer by callback: re-authentication, profile, e-ME,
/// hash and PDF signing (contract §6–8, §12), plus the synchronous <c>profiles</c> and the signing ack.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private static readonly HashSet<string> ProfileFields = new(StringComparer.Ordinal)
    {
        "idNo", "enName", "chName", "chNameVerified", "birthDate", "gender",
    };

    private static readonly HashSet<string> EMeFields = new(StringComparer.Ordinal)
    {
        "idNo", "prefix", "enName", "chName", "chNameVerified", "birthDate", "gender", "maritalStatus", "homeTelNumber",
        "officeTelNumber", "mobileNumber", "emailAddress", "residentialAddress", "postalAddress", "educationLevel",
        "passportNumber", "passportExpiry", "propertyOwner", "carOwner", "employmentStatus", "addressDocInfo", "addressDocFile",
    };

    private JsonObject? StepUp(RequestParameters p)
    {
        var request = ReadConsentRequest(p, IAmSmartFunctions.StepUp);
        return Consent(request, IAmSmartFunctions.StepUp, new FailureCodes("D80001", "D80001", "D80003"), _ => new JsonObject { ["isPassed"] = true });
    }

    private JsonObject? Profile(RequestParameters p)
    {
        var fields = CheckFields(p.RequiredList("profileFields"), ProfileFields, "profileFields");
        var request = ReadConsentRequest(p, IAmSmartFunctions.Profile);
        return Consent(request, IAmSmartFunctions.Profile, new FailureCodes("D50001", "D50001", "D50003"), persona => Select(persona, fields));
    }

    private JsonObject? EMe(RequestParameters p)
    {
        var fields = CheckFields(p.RequiredList("eMEFields"), EMeFields, "eMEFields");
        ReadFormDescription(p);
        var request = ReadConsentRequest(p, IAmSmartFunctions.EMe);
        return Consent(request, IAmSmartFunctions.EMe, new FailureCodes("D60000", "D60001", "D60003"), persona => Select(persona, fields));
    }

    private JsonObject? HashSigning(RequestParameters p)
    {
        var hashCode = p.Required("hashCode");
        var hash = RequestParameters.DecodeBase64(hashCode, "hashCode");
        var sigAlgo = p.Optional("sigAlgo") ?? "SHA256withRSA";
        if (sigAlgo is not ("SHA256withRSA" or "NONEwithRSA") || (sigAlgo == "NONEwithRSA" && hash.Length != 32))
        {
            throw SimulatorApiException.Invalid("sigAlgo"); // SM2 algorithms are not simulated
        }

        ReadSigningDescription(p);
        var stepUp = ReadStepUp(p);
        var hkicHash = p.Optional("HKICHash");
        var request = ReadConsentRequest(p, IAmSmartFunctions.HashSigning);
        CheckSigner(request.Token.Persona, hkicHash);
        var signCode = SignCode.WithLogin(hashCode, request.Token.OpenId);
        RegisterSigning(request.BusinessId);
        return Consent(
            request, IAmSmartFunctions.HashSigning, new FailureCodes("D70000", "D70001", "D70003"), persona => SignHash(persona, hashCode, hash, sigAlgo), signCode, persona => CheckStepUp(persona, stepUp));
    }

    private JsonObject? PdfSigning(RequestParameters p)
    {
        var docDigest = p.Required("docDigest");
        var digest = RequestParameters.DecodeBase64(docDigest, "docDigest", 32);
        ReadSigningDescription(p);
        var stepUp = ReadStepUp(p);
        var hkicHash = p.Optional("HKICHash");
        var request = ReadConsentRequest(p, IAmSmartFunctions.PdfSigning);
        CheckSigner(request.Token.Persona, hkicHash);
        var signCode = SignCode.WithLogin(docDigest, request.Token.OpenId);
        RegisterSigning(request.BusinessId);
        return Consent(
            request, IAmSmartFunctions.PdfSigning, new FailureCodes("D70000", "D70001", "D70003"), persona => SignPdf(persona, docDigest, digest), signCode, persona => CheckStepUp(persona, stepUp));
    }

    private JsonObject? SigningAck(RequestParameters p)
    {
        var businessId = p.Required("businessID", 36);
        var result = p.Required("signingResult");
        if (result is not ("SR001" or "SR002" or "SR003"))
        {
            throw SimulatorApiException.Invalid("signingResult");
        }

        lock (_state)
        {
            if (!_signings.TryGetValue(businessId, out var record) || !record.Succeeded)
            {
                throw new SimulatorApiException("D70006", "failed to process signing ack");
            }

            record.Acknowledgement = result;
        }

        return null;
    }

    private JsonObject? Profiles(RequestParameters p)
    {
        var profileFields = CheckFields(p.OptionalList("profileFields"), ProfileFields, "profileFields");
        var emeFields = CheckFields(p.OptionalList("eMEFields"), EMeFields, "eMEFields");
        var token = RequireToken(p);
        if (profileFields.Count + emeFields.Count == 0)
        {
            throw SimulatorApiException.Empty("profileFields");
        }

        if (!HasScopeFor(token, IAmSmartFunctions.Profiles))
        {
            throw new SimulatorApiException("D20012", "insufficient scope");
        }

        return Select(token.Persona, [.. profileFields, .. emeFields]);
    }

    private ConsentRequest ReadConsentRequest(RequestParameters p, IAmSmartFunction function)
    {
        var businessId = RequestParameters.CheckBusinessId(p.Required("businessID"));
        var source = p.Required("source");
        var redirectText = p.Required("redirectURI");
        var state = RequestParameters.CheckIdentifier(p.Optional("state"), "state");
        RequestParameters.CheckLang(p.Optional("lang"));
        var token = RequireToken(p);
        if (!HasScopeFor(token, function))
        {
            throw new SimulatorApiException("D20012", "insufficient scope");
        }

        var redirect = CheckRedirect(redirectText);
        RequestParameters.CheckSource(source);
        var multipart = ReadCallbackContentType(p.Optional("callbackContentType"));
        ClaimBusinessId(businessId);
        return new ConsentRequest(token, businessId, state, redirect, source, multipart);
    }

    /// <summary>
    /// Answers the initiate call and schedules the user's answer as a callback. <paramref name="approvalCheck"/> is what
    /// the app checks once the user approves (signing step-up); its failure code replaces the result.
    /// </summary>
    private JsonObject Consent(
        ConsentRequest request,
        IAmSmartFunction function,
        FailureCodes failures,
        Func<SimulatorPersona, JsonObject> result,
        string? signCode = null,
        Func<SimulatorPersona, SimulatorApiException?>? approvalCheck = null)
    {
        var persona = request.Token.Persona;
        var behaviour = Script.Resolve(persona, request.BusinessId);
        var now = _time.GetUtcNow();
        var dueAt = behaviour.Action == UserAction.TimeOut ? now + _options.UserTimeout : now + behaviour.Delay;
        var approved = behaviour.Action == UserAction.Approve;
        var checkFailure = approved ? approvalCheck?.Invoke(persona) : null;
        approved &= checkFailure is null;
        var code = behaviour.Action switch
        {
            _ when checkFailure is not null => checkFailure.Code,
            UserAction.Approve => Transport.ReturnCodes.Success,
            UserAction.Cancel => failures.Cancelled,
            UserAction.Reject => failures.Rejected,
            _ => failures.TimedOut,
        };
        EnsureInTable(function, code);
        var payload = new JsonObject { ["businessID"] = request.BusinessId };
        if (request.State is not null)
        {
            payload["state"] = request.State;
        }

        if (approved)
        {
            foreach (var (name, value) in result(persona).ToList())
            {
                payload[name] = value?.DeepClone();
            }
        }

        lock (_state)
        {
            if (_signings.TryGetValue(request.BusinessId, out var signing))
            {
                signing.Succeeded = approved;
            }
        }

        Schedule(new PendingCallback(request.RedirectUri, code, payload, request.BusinessId, function.Kind!, dueAt, request.MultipartCallback));

        // authByQR when the user is on a PC: the app is on another device. Otherwise a ticket opens the app (contract §5.5).
        var authByQr = request.Source == "PC_Browser";
        var content = new JsonObject();
        if (signCode is not null)
        {
            content["signCode"] = signCode;
        }

        content["authByQR"] = authByQr;
        if (!authByQr)
        {
            content["ticketID"] = Guid.NewGuid().ToString("N");
        }

        return content;
    }

    // Every function's scope comes from the SDK's one table, so the simulator and the clients cannot disagree about it.
    private static bool HasScopeFor(TokenGrant token, IAmSmartFunction function)
        => function.RequiredScope is not { } scope || token.HasScope(scope.Value);

    // The simulator answers only with codes the table lists for the function: a code added here must be added there.
    private static void EnsureInTable(IAmSmartFunction function, string code)
    {
        if (code != Transport.ReturnCodes.Success && !function.Codes.Contains(code) && !IAmSmartFunctions.CommonCodes.Contains(code))
        {
            throw new InvalidOperationException($"The simulator would answer {function.Name} with {code}, which IAmSmartFunctions does not list for it.");
        }
    }

    private void RegisterSigning(string businessId)
    {
        lock (_state)
        {
            _signings[businessId] = new SigningRecord();
        }
    }

    private static void CheckSigner(SimulatorPersona persona, string? hkicHash)
    {
        if (!persona.CanSign)
        {
            throw new SimulatorApiException("D70004", "user not allowed to sign");
        }

        if (hkicHash is not null && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hkicHash), Encoding.ASCII.GetBytes(persona.HkicHash)))
        {
            throw new SimulatorApiException("D70005", "inconsistent HKIC number");
        }
    }

    private Uri CheckRedirect(string text)
    {
        // S4 URL-encodes redirectURI inside the JSON, the CorpID samples do not: accept both (contract §6) [I].
        var decoded = text.StartsWith("http%3A", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https%3A", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(text)
            : text;
        return Uri.TryCreate(decoded, UriKind.Absolute, out var uri) && IsRegistered(uri)
            ? uri
            : throw new SimulatorApiException("D20008", "invalid e-service URL");
    }

    private static IReadOnlyList<string> CheckFields(IReadOnlyList<string> fields, HashSet<string> allowed, string name)
        => fields.All(allowed.Contains) ? fields : throw SimulatorApiException.Invalid(name);

    private static void ReadFormDescription(RequestParameters p)
    {
        p.Optional("formName", 255);
        p.Optional("formNum", 20);
        p.Optional("formDesc", 255);
    }

    private static void ReadSigningDescription(RequestParameters p)
    {
        p.Optional("department", 100);
        p.Optional("serviceName", 255);
        p.Optional("documentName", 255);
    }

    /// <summary>The persona's values of the requested fields; fields the persona lacks are left out, as iAM Smart does.</summary>
    private static JsonObject Select(SimulatorPersona persona, IEnumerable<string> fields)
    {
        var data = persona.CreateData();
        var selected = new JsonObject();
        foreach (var field in fields.Distinct(StringComparer.Ordinal))
        {
            if (data.TryGetPropertyValue(field, out var value) && value is not null)
            {
                selected[field] = value.DeepClone();
            }
        }

        return selected;
    }

    private JsonObject SignHash(SimulatorPersona persona, string hashCode, byte[] hash, string sigAlgo)
    {
        var signer = Authority.GetSigner(persona);
        using var key = signer.GetRSAPrivateKey()!;
        // SHA256withRSA signs the decoded hashCode bytes; NONEwithRSA signs them as an already computed SHA-256 digest (contract §12.4) [I].
        var signature = sigAlgo == "NONEwithRSA"
            ? key.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : key.SignData(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new JsonObject
        {
            ["hashCode"] = hashCode,
            ["timestamp"] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["signature"] = Convert.ToBase64String(signature),
            ["cert"] = Convert.ToBase64String(signer.RawData),
        };
    }

    private JsonObject SignPdf(SimulatorPersona persona, string docDigest, byte[] digest)
    {
        var cms = Certificates.DetachedCmsBuilder.Sign(digest, Authority.GetSigner(persona), [Authority.IssuingCertificate], _time.GetUtcNow());
        return new JsonObject { ["docDigest"] = docDigest, ["pdfSignature"] = Convert.ToBase64String(cms) };
    }

    private sealed record ConsentRequest(TokenGrant Token, string BusinessId, string? State, Uri RedirectUri, string Source, bool MultipartCallback);

    /// <summary>
    /// The <c>callbackContentType</c> option (addendum §A3.2): <c>application/json</c> (the default) or
    /// <c>multipart/form-data</c>; the spec tables' <c>multipart/formdata</c> is taken as the same [I]. Anything else is
    /// an invalid parameter.
    /// </summary>
    private static bool ReadCallbackContentType(string? value) => value switch
    {
        null or "application/json" => false,
        "multipart/form-data" or "multipart/formdata" => true,
        _ => throw new SimulatorApiException("D20003", "invalid parameter {callbackContentType}"),
    };

    private sealed record FailureCodes(string Cancelled, string Rejected, string TimedOut);
}

/// <summary>The 4-digit code shown on both the e-service page and in the app, computed as S4 does (contract §11.4) [I].</summary>
internal static class SignCode
{
    public static string WithLogin(string hashCode, string openId)
    {
        var input = SHA256.HashData(Encoding.UTF8.GetBytes(hashCode)).Concat(SHA256.HashData(Encoding.UTF8.GetBytes(openId))).ToArray();
        return Digits(input);
    }

    public static string Anonymous(string digest, string hkicHash, string clientId)
        => Digits(Encoding.UTF8.GetBytes(digest + hkicHash + clientId));

    private static string Digits(byte[] input)
    {
#pragma warning disable CA5351 // MD5 is what the sign-code scheme uses; it protects nothing here.
        var md5 = MD5.HashData(SHA512.HashData(input));
#pragma warning restore CA5351
        var digits = new char[4];
        for (var i = 0; i < 4; i++)
        {
            digits[i] = (char)('0' + (((md5[i * 4] >> 4) & 0xF) % 10));
        }

        return new string(digits);
    }
}
