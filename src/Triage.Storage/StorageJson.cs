using System.Text.Json.Serialization;

namespace Triage.Storage;

/// <summary>The JSON columns: topic scores, questions, outbox routing properties.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
