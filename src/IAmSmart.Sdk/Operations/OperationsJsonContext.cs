using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.Operations;

[JsonSerializable(typeof(PendingOperation))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
