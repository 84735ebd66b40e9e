using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// Loads mapping files written in WireMock's (Java) standard JSON format into an in-process WireMock.Net server.
/// </summary>
/// <remarks>
/// WireMock.Net's own importer for this format (<c>ReadStaticWireMockOrgMappingAndAddOrUpdate</c>) drops priorities,
/// scenarios and metadata, uses only the first body pattern and does not know <c>matchesJsonPath</c> with a
/// <c>matches</c> sub-pattern, <c>or</c> or <c>absent</c>; its <c>matches</c> is a partial match where Java's is a whole
/// match. This loader translates each field the contract mappings use, with Java's meaning, onto WireMock.Net's fluent
/// API, and refuses (throws) any field it does not translate, so that a new feature in the generator fails loudly
/// instead of being ignored. See docs/testing.md ("WireMock.Net and the Java jar").
/// </remarks>
public static partial class JavaMappingLoader
{
    private static readonly JsonSerializerOptions ResponseJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds every <c>*.json</c> mapping of a folder, in file-name order; returns how many.</summary>
    /// <param name="server">The WireMock.Net server.</param>
    /// <param name="folder">The folder of mapping files.</param>
    public static int LoadFolder(WireMock.Server.WireMockServer server, string folder)
    {
        ArgumentNullException.ThrowIfNull(server);
        var files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var mapping = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                ?? throw new InvalidDataException($"{file}: a mapping file must hold one JSON object.");
            try
            {
                Add(server, mapping);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidDataException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}: {ex.Message}", ex);
            }
        }

        return files.Count;
    }

    /// <summary>Adds one mapping in WireMock's standard JSON format.</summary>
    /// <param name="server">The WireMock.Net server.</param>
    /// <param name="mapping">The mapping object.</param>
    public static void Add(WireMock.Server.WireMockServer server, JsonObject mapping)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(mapping);
        OnlyKnown(mapping, "mapping", "id", "name", "priority", "scenarioName", "requiredScenarioState", "newScenarioState", "request", "response", "metadata");

        var provider = server.Given(TranslateRequest(Object(mapping, "request")));
        if (mapping["id"] is { } id)
        {
            provider = provider.WithGuid(Guid.Parse(Text(id, "id")));
        }

        if (mapping["name"] is { } name)
        {
            provider = provider.WithTitle(Text(name, "name"));
        }

        // Java's default priority is 5; a lower number wins in both.
        provider = provider.AtPriority(mapping["priority"]?.GetValue<int>() ?? 5);

        if (mapping["scenarioName"] is { } scenario)
        {
            provider = provider.InScenario(Text(scenario, "scenarioName"));

            // Java names a scenario's initial state "Started"; WireMock.Net has no name for it: a mapping in a scenario
            // without a required state answers while the scenario has not moved (or was reset).
            var required = mapping["requiredScenarioState"] is { } r ? Text(r, "requiredScenarioState") : null;
            if (required is not null && required != "Started")
            {
                provider = provider.WhenStateIs(required);
            }

            if (mapping["newScenarioState"] is { } next)
            {
                provider = provider.WillSetStateTo(Text(next, "newScenarioState"));
            }
        }
        else if (mapping["requiredScenarioState"] is not null || mapping["newScenarioState"] is not null)
        {
            throw new InvalidDataException("a scenario state without a scenarioName.");
        }

        if (mapping["metadata"] is JsonObject metadata)
        {
            provider = provider.WithData(metadata.ToJsonString());
        }

        provider.RespondWith(TranslateResponse(Object(mapping, "response")));
    }

    private static IRequestBuilder TranslateRequest(JsonObject request)
    {
        OnlyKnown(request, "request", "method", "urlPath", "urlPathPattern", "headers", "bodyPatterns");
        var builder = Request.Create();

        var method = request["method"] is { } m ? Text(m, "method") : "ANY";
        if (method != "ANY")
        {
            builder = builder.UsingMethod(method);
        }

        builder = (request["urlPath"], request["urlPathPattern"]) switch
        {
            ({ } path, null) => builder.WithPath(new ExactMatcher(Text(path, "urlPath"))),
            (null, { } pattern) => builder.WithPath(new RegexMatcher(Whole(Text(pattern, "urlPathPattern")), ignoreCase: false, useRegexExtended: false)),
            _ => throw new NotSupportedException("exactly one of urlPath and urlPathPattern is translated."),
        };

        if (request["headers"] is JsonObject headers)
        {
            foreach (var (header, spec) in headers)
            {
                var pattern = spec as JsonObject ?? throw new InvalidDataException($"header {header}: a matcher object is expected.");
                if (pattern.Count != 1)
                {
                    throw new NotSupportedException($"header {header}: one matcher per header is translated.");
                }

                var (kind, value) = pattern.Single();
                IStringMatcher matcher = kind switch
                {
                    "equalTo" => new ExactMatcher(Text(value, kind)),
                    "matches" => new RegexMatcher(Whole(Text(value, kind)), ignoreCase: false, useRegexExtended: false),
                    _ => throw new NotSupportedException($"header {header}: the '{kind}' matcher is not translated."),
                };

                // Header names are case-insensitive, as in Java WireMock; the value match is case-sensitive.
                builder = builder.WithHeader(header, true, matcher);
            }
        }

        if (request["bodyPatterns"] is JsonArray bodyPatterns)
        {
            // Java ANDs the patterns of the list.
            var patterns = bodyPatterns.Select(p => BodyPattern(p as JsonObject ?? throw new InvalidDataException("a body pattern must be an object."))).ToArray();
            Func<string?, bool> matches = body => patterns.All(p => p(body));
            builder = builder.WithBody(matches);
        }

        return builder;
    }

    /// <summary>Translates one Java body pattern into a predicate on the body (null when the request had none).</summary>
    private static Func<string?, bool> BodyPattern(JsonObject pattern)
    {
        if (pattern.Count != 1)
        {
            throw new NotSupportedException("a body pattern with more than one matcher is not translated.");
        }

        var (kind, value) = pattern.Single();
        switch (kind)
        {
            case "matches":
                var regex = new Regex(Whole(Text(value, kind)), RegexOptions.CultureInvariant);
                return body => body is not null && regex.IsMatch(body);

            case "absent" when value?.GetValue<bool>() == true:
                return string.IsNullOrEmpty;

            case "or":
            case "and":
                var parts = (value as JsonArray ?? throw new InvalidDataException($"'{kind}' needs an array."))
                    .Select(p => BodyPattern(p as JsonObject ?? throw new InvalidDataException("a body pattern must be an object.")))
                    .ToArray();
                return kind == "or" ? body => parts.Any(p => p(body)) : body => parts.All(p => p(body));

            case "matchesJsonPath":
                return JsonPath(value);

            default:
                throw new NotSupportedException($"the body pattern '{kind}' is not translated.");
        }
    }

    /// <summary>
    /// <c>matchesJsonPath</c>, either an expression (the body is JSON and the path selects something) or
    /// <c>{"expression": …, "matches": …}</c> (the selected value, a string, matches the regex as a whole).
    /// Only member paths such as <c>$.content</c> or <c>$.a.b</c> are translated.
    /// </summary>
    private static Func<string?, bool> JsonPath(JsonNode? spec)
    {
        string expression;
        Regex? valuePattern = null;
        if (spec is JsonObject withPattern)
        {
            OnlyKnown(withPattern, "matchesJsonPath", "expression", "matches");
            expression = Text(withPattern["expression"], "expression");
            valuePattern = withPattern["matches"] is { } p ? new Regex(Whole(Text(p, "matches")), RegexOptions.CultureInvariant) : null;
        }
        else
        {
            expression = Text(spec, "matchesJsonPath");
        }

        var match = MemberPath().Match(expression);
        if (!match.Success)
        {
            throw new NotSupportedException($"the JSON path '{expression}' is not translated (only $.member.member…).");
        }

        var members = match.Groups["member"].Captures.Select(c => c.Value).ToArray();
        return body =>
        {
            if (string.IsNullOrEmpty(body))
            {
                return false;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return false;
            }

            foreach (var member in members)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(member, out var child) ? child : null;
                if (node is null)
                {
                    return false;
                }
            }

            if (valuePattern is null)
            {
                return true;
            }

            var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node!.ToJsonString();
            return valuePattern.IsMatch(text);
        };
    }

    private static IResponseBuilder TranslateResponse(JsonObject response)
    {
        OnlyKnown(response, "response", "status", "headers", "body", "jsonBody");
        var builder = Response.Create().WithStatusCode(response["status"]?.GetValue<int>() ?? 200);

        if (response["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                builder = builder.WithHeader(name, Text(value, name));
            }
        }

        builder = (response["body"], response["jsonBody"]) switch
        {
            (null, null) => builder,
            ({ } body, null) => builder.WithBody(Text(body, "body")),

            // The JSON as written in the mapping (the mappings also set Content-Type themselves).
            (null, { } json) => builder.WithBody(json.ToJsonString(ResponseJson)),
            _ => throw new InvalidDataException("a response with both body and jsonBody."),
        };

        return builder;
    }

    /// <summary>Java's <c>matches</c> is <c>Matcher.matches()</c>: the whole value, not a part of it.</summary>
    private static string Whole(string pattern) => $@"\A(?:{pattern})\z";

    private static JsonObject Object(JsonObject parent, string name)
        => parent[name] as JsonObject ?? throw new InvalidDataException($"'{name}' must be an object.");

    private static string Text(JsonNode? node, string name)
        => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidDataException($"'{name}' must be a string.");

    private static void OnlyKnown(JsonObject obj, string where, params string[] known)
    {
        foreach (var (name, _) in obj)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new NotSupportedException($"'{name}' in {where} is not translated for WireMock.Net; translate it in {nameof(JavaMappingLoader)} (and docs/testing.md) first.");
            }
        }
    }

    [GeneratedRegex(@"^\$(?:\.(?<member>[A-Za-z_][A-Za-z0-9_]*))+$")]
    private static partial Regex MemberPath();
}
