using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Pdf;
using IAmSmart.Sdk.Redis;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>
/// Every public type of the SDK assemblies whose <c>ToString</c> the SDK writes (an override or a record's generated one)
/// is built by reflection with a distinctive marker in every string and <see cref="Uri"/>, and its <c>ToString</c> must
/// show none of them: identifiers, tokens, links and personal data are all strings or URIs. The scan finds new types by
/// itself; a type it cannot build, or one whose <c>ToString</c> is meant to print a value, is listed below with a reason.
/// </summary>
public sealed class ToStringDisclosureTests
{
    private const string Marker = "MRK";

    /// <summary>Types whose ToString prints their own value on purpose: protocol words, not data about a person.</summary>
    private static readonly Dictionary<string, string> PrintsItsValue = new(StringComparer.Ordinal)
    {
        ["IAmSmart.Sdk.Auth.IAmSmartScope"] = "a scope name such as eidapi_auth",
        ["IAmSmart.Sdk.Auth.IAmSmartLanguage"] = "a language code such as en-US",
        ["IAmSmart.Sdk.Auth.IAmSmartSource"] = "a source name such as PC_Browser",
        ["IAmSmart.Sdk.Auth.IAmSmartAppScheme"] = "an app URL scheme, public",
        ["IAmSmart.Sdk.IAmSmartFunction"] = "a function name and route such as auth.getToken (v1/auth/getToken)",
        ["IAmSmart.Sdk.Signing.SignatureAlgorithm"] = "an algorithm name such as SHA256withRSA",
        ["IAmSmart.Sdk.FormFilling.EMeFieldName"] = "an e-ME field name such as enName",
        ["IAmSmart.Sdk.FormFilling.EMeField"] = "an e-ME field name such as enName",
        ["IAmSmart.Sdk.IAmSmartEnvironment"] = "an environment name and its public base URL",
        ["IAmSmart.Sdk.Signing.SigningStepUpMethod"] = "a step-up method name",
        ["IAmSmart.Sdk.Signing.SigningAcknowledgement"] = "an acknowledgement word sent to ackResult",
        ["IAmSmart.Sdk.FormFilling.ProfileField"] = "a profile field name such as idNo, never its value",
    };

    /// <summary>
    /// Members a description may show, by name on any type or as <c>Type.Member</c>, with the reason. Everything else
    /// that is a string or a URI counts as an identifier, a token, a link or personal data.
    /// </summary>
    private static readonly Dictionary<string, string> PrintableMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Code"] = "an iAM Smart return code such as D40000, from a fixed table",
        ["ErrorCode"] = "an iAM Smart return code, printed only when it has the Dnnnnn shape",
        ["TxId"] = "iAM Smart's transaction id, which support asks for; it names no person and grants nothing",
        ["Kind"] = "the operation kind, a word such as formFilling",
        ["Operation"] = "the operation name, a word such as formFilling",
        ["Detail"] = "a fixed sentence written by the verifier, naming the check that failed",
        ["RequestedFields"] = "e-ME field names (enName), never their values",
        ["FieldsRequested"] = "e-ME field names, never their values",
        ["FieldsReleased"] = "e-ME field names, never their values",
        ["FieldsDiscarded"] = "e-ME field names, never their values",
        ["CallbackAttachment.Name"] = "the multipart part name, a protocol word such as addressDocFile",
        ["FormDetails.Name"] = "the e-service's own form name, shown to the user on the consent page",
        ["FormDetails.Number"] = "the e-service's own form number",
        ["FormDetails.Description"] = "the e-service's own form description",
        ["StatedPurpose.Name"] = "the e-service's own purpose name",
        ["StatedPurpose.Reference"] = "the e-service's own form reference",
        ["StatedPurpose.Description"] = "the e-service's own purpose text",
        ["IAmSmartFunction.Name"] = "the name of an iAM Smart function",
        ["IAmSmartFunction.Path"] = "the path of an iAM Smart function",
        ["ReturnCodeInfo.Meaning"] = "the documented meaning of a return code",
        ["ReturnCodeInfo.Action"] = "the documented action for a return code",
        ["PdfVerificationCheckResult.Detail"] = "a fixed sentence written by the verifier",
    };

    /// <summary>Types built only by parsing what iAM Smart sends; each has its own ToString test, named here.</summary>
    private static readonly Dictionary<string, string> BuiltOnlyByParsing = new(StringComparer.Ordinal)
    {
        ["IAmSmart.Sdk.Auth.AccessToken"] = "TokenContentTests",
        ["IAmSmart.Sdk.Auth.AuthCallback"] = "AuthCallbackTests",
        ["IAmSmart.Sdk.Auth.DirectLoginV2Callback"] = "DirectLoginTests",
        ["IAmSmart.Sdk.FormFilling.HkidNumber"] = "HkidNumberTests (masked as Z683***(*))",
    };

    private int _next;

    /// <summary>Types whose constructors take spans, which reflection cannot pass: built here by hand.</summary>
    private Dictionary<string, Func<object>> BuiltByHand => new(StringComparer.Ordinal)
    {
        ["IAmSmart.Sdk.Signing.PdfSigningResult"] = () => new Signing.PdfSigningResult(NextMarker(), Encoding.ASCII.GetBytes(NextMarker())),
        ["IAmSmart.Sdk.Crypto.ContentKey"] = () => new Crypto.ContentKey(Encoding.ASCII.GetBytes($"{NextMarker()}{new string('k', 32)}").AsSpan(0, 32)),
        ["IAmSmart.Sdk.IAmSmartClientSettings"] = () => SettingsWithMarkers(),
        ["IAmSmart.Sdk.Auth.StepUpOperation"] = () => StepUpOperationWithMarkers(),
        ["IAmSmart.Sdk.FormFilling.DataRequestOperation"] = () => DataRequestOperationWithMarkers(),
    };

    // Operations are made only by the clients (internal constructors): resume one whose businessID is a marker.
    private Auth.StepUpOperation StepUpOperationWithMarkers()
    {
        using var client = VectorClient.Create(new FakeIAmSmartHandler());
        var ct = TestContext.Current.CancellationToken;
        var started = client.Operations.BeginAsync(IAmSmartFunctions.StepUp, NextMarker(), NextMarker(), ct).GetAwaiter().GetResult();
        return client.Auth.ResumeStepUpAsync(started.BusinessId, ct).GetAwaiter().GetResult();
    }

    private FormFilling.DataRequestOperation DataRequestOperationWithMarkers()
    {
        using var client = VectorClient.Create(new FakeIAmSmartHandler());
        var request = new FormFilling.PendingDataRequest { Function = IAmSmartFunctions.EMe, BusinessId = NextMarker(), RequestedFields = ["enName"], TicketId = NextMarker() };
        return client.FormFilling.ResumeAsync(request, TestContext.Current.CancellationToken).GetAwaiter().GetResult(); // requested long ago: not looked up
    }

    // The settings are a snapshot of a client's options (internal constructor): build a client whose options hold markers,
    // except the client ID: it names the bank's e-service, not a person, and the description shows it on purpose.
    private IAmSmartClientSettings SettingsWithMarkers()
    {
        var options = VectorClient.Options();
        options.BaseUrl = new Uri($"https://{NextMarker().ToLowerInvariant()}.example/");
        using var client = IAmSmartClient.Create(options, new FakeIAmSmartHandler());
        return client.Settings;
    }

    public static TheoryData<string> SdkTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Candidates())
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    [Trait("Category", "Security")]
    public void The_scan_reaches_every_sdk_assembly_and_the_step_up_types()
    {
        var types = Candidates().ToList();

        Assert.Contains(typeof(StepUpInitiation), types);
        Assert.Contains(typeof(StepUpResult), types);
        Assert.True(types.Count > 40, $"Only {types.Count} types were found.");
        // IAmSmart.Sdk.AspNetCore and IAmSmart.Sdk.Redis have no type with a ToString of their own today; they are
        // scanned so that a new one is covered.
        Assert.Equal(
            ["IAmSmart.Sdk", "IAmSmart.Sdk.Pdf"],
            types.Select(t => t.Assembly.GetName().Name!).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SdkTypes))]
    [Trait("Category", "Security")]
    public void ToString_shows_no_string_or_uri_the_instance_holds(string assemblyQualifiedName)
    {
        var type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        if (PrintsItsValue.ContainsKey(type.FullName!) || BuiltOnlyByParsing.ContainsKey(type.FullName!))
        {
            return;
        }

        var instance = BuiltByHand.TryGetValue(type.FullName!, out var build) ? build() : Create(type, depth: 0);
        Assert.True(instance is not null, $"{type.FullName} could not be built: give it a public constructor or list it with a reason.");
        Fill(instance);

        var text = instance.ToString() ?? string.Empty;

        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Step_up_types_print_no_ticket_link_or_business_id()
    {
        var initiation = new StepUpInitiation(false, "TICKET-123", new Uri("iamsmart://re-auth?ticketID=TICKET-123"), "BIZ-456");
        var result = new StepUpResult(false, UserOutcome.Rejected, "D80001", "BIZ-456");

        Assert.Equal("StepUpInitiation(authByQr: False, ticket: True)", initiation.ToString());
        Assert.Equal("StepUpResult(not passed: Rejected, code: D80001)", result.ToString());
        Assert.Equal("StepUpResult(passed)", new StepUpResult(true, null, "D00000", "BIZ-456").ToString());
        Assert.Equal("StepUpResult(not passed: Failed, code: none)", new StepUpResult(false, UserOutcome.Failed, "<script>", null).ToString());
    }

    private static Assembly[] Assemblies =>
    [
        typeof(IAmSmartClient).Assembly,
        typeof(IAmSmartAuthenticationHandler).Assembly,
        typeof(PdfSignatureVerifier).Assembly,
        typeof(RedisOperationStoreOptions).Assembly,
    ];

    /// <summary>Public, concrete, non-generic types whose ToString is written in the SDK (by hand or by the record compiler).</summary>
    private static IEnumerable<Type> Candidates()
        => Assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsAbstract && !t.IsEnum && !t.IsInterface && !t.ContainsGenericParameters
                && !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType is { } declaring && Assemblies.Contains(declaring.Assembly))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private string NextMarker() => $"{Marker}{_next++.ToString(CultureInfo.InvariantCulture)}x";

    private object? Create(Type type, int depth)
    {
        if (Simple(type, safe: false) is { } simple)
        {
            return simple;
        }

        if (PrintsItsValue.ContainsKey(type.FullName ?? string.Empty))
        {
            // A protocol word: take one of the type's own values rather than a marker it would print by design.
            return type.GetProperties(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(p => p.PropertyType == type)?.GetValue(null)
                ?? type.GetFields(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(f => f.FieldType == type)?.GetValue(null);
        }

        if (depth > 3 || type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef || p.ParameterType.IsPointer))
            {
                // Spans cannot be passed through reflection; another constructor or a parser builds the type.
                continue;
            }

            var arguments = parameters.Select(p => Value(type, p.Name!, p.ParameterType, depth)).ToArray();
            if (arguments.Where((a, i) => a is null && parameters[i].ParameterType.IsValueType && Nullable.GetUnderlyingType(parameters[i].ParameterType) is null).Any())
            {
                continue;
            }

            try
            {
                var instance = constructor.Invoke(arguments);
                Fill(instance, depth + 1);
                return instance;
            }
            catch (TargetInvocationException)
            {
                // Markers are not valid input for every constructor (a state must look like a state): try the next one.
            }
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    /// <summary>Sets every writable (set or init) property that holds a string, a URI or another SDK model.</summary>
    private void Fill(object instance, int depth = 0)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            try
            {
                var value = Assemblies.Contains(property.PropertyType.Assembly) || Simple(property.PropertyType, safe: true) is not null
                    ? Value(instance.GetType(), property.Name, property.PropertyType, depth)
                    : null;
                if (value is not null)
                {
                    property.SetValue(instance, value);
                }
            }
            catch (TargetInvocationException)
            {
                // A setter that validates its value keeps its default: the other members still carry markers.
            }
        }
    }

    private object? Value(Type owner, string member, Type type, int depth)
    {
        var printable = PrintableMembers.ContainsKey(member) || PrintableMembers.ContainsKey($"{owner.Name}.{member}");
        return Simple(type, printable) ?? Create(type, depth + 1);
    }

    private object? Simple(Type type, bool safe)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return safe ? "D00000" : NextMarker();
        }

        if (type == typeof(Uri))
        {
            var marker = safe ? "safe" : NextMarker();
            return new Uri($"https://{marker.ToLowerInvariant()}.example/{marker}?ticketID={marker}");
        }

        if (type == typeof(byte[]))
        {
            return Encoding.ASCII.GetBytes(NextMarker());
        }

        if (type == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(Encoding.ASCII.GetBytes(NextMarker()));
        }

        if (type == typeof(JsonElement))
        {
            return JsonDocument.Parse($$"""{"v":"{{NextMarker()}}"}""").RootElement.Clone();
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(IAmSmartFunction))
        {
            return IAmSmartFunctions.EMe; // only the table makes them; its names and paths are public knowledge
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.Length > 0 ? values.GetValue(values.Length - 1) : Activator.CreateInstance(type);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Convert.ChangeType(1, type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMinutes(5);
        }

        if (type.IsArray && type.GetElementType() is { } element && Simple(element, safe) is { } item)
        {
            var array = Array.CreateInstance(element, 1);
            array.SetValue(item, 0);
            return array;
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var itemType]
            && type.IsAssignableFrom(typeof(List<>).MakeGenericType(itemType)) && Simple(itemType, safe) is { } listItem)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            list.Add(listItem);
            return list;
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && keyType == typeof(string)
            && type.IsAssignableFrom(typeof(Dictionary<,>).MakeGenericType(keyType, valueType)) && Simple(valueType, safe) is { } dictionaryValue)
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
            dictionary.Add(safe ? "D00000" : NextMarker(), dictionaryValue);
            return dictionary;
        }

        return null;
    }
}
