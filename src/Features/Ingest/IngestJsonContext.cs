using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Features.Ifttt.Protocol;

namespace AdminPortal.Features.Ingest;

/// <summary>Source-generated serializers for the ingest API's bodies (its errors use IFTTT's envelope, <see cref="IftttJsonContext"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(IngestEventBody))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
