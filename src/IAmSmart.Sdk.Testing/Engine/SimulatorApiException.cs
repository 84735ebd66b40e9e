namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>A business error the simulator answers with HTTP 200 and a return code. Never carries personal data.</summary>
internal sealed class SimulatorApiException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static SimulatorApiException Missing(string name) => new("D20001", $"parameter {name} is missing");

    public static SimulatorApiException Empty(string name) => new("D20002", $"empty parameter {name}");

    public static SimulatorApiException Invalid(string name) => new("D20003", $"invalid parameter {name}");
}
