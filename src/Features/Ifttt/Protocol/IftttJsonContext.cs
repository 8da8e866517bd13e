using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.Ingest;
using AdminPortal.Features.Ifttt.Setup;
using AdminPortal.Features.Ifttt.Triggers;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>Source-generated serializers for every IFTTT and ingest body: no reflection per request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(DataEnvelope<UserInfo>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<OptionItem>>))]
[JsonSerializable(typeof(DataEnvelope<FieldValidity>))]
[JsonSerializable(typeof(DataEnvelope<Dictionary<string, FieldValidity>>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<ActionOutcomeItem>>))]
[JsonSerializable(typeof(DataEnvelope<TestSetupData>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<IngestedEvent>>))]
[JsonSerializable(typeof(IngestEventBody))]
public sealed partial class IftttJsonContext : JsonSerializerContext;
