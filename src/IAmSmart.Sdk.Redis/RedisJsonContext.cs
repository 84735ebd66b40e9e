using System.Text.Json.Serialization;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Redis;

[JsonSerializable(typeof(PendingOperation))]
[JsonSerializable(typeof(PendingOperationCompletion))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
