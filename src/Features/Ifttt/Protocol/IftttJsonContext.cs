using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Service;
using AdminPortal.Features.Ifttt.Setup;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>Source-generated serializers for every IFTTT body: no reflection per request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(DataEnvelope<UserInfo>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<OptionItem>>))]
[JsonSerializable(typeof(DataEnvelope<FieldValidity>))]
[JsonSerializable(typeof(DataEnvelope<Dictionary<string, FieldValidity>>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<ActionOutcomeItem>>))]
[JsonSerializable(typeof(DataEnvelope<TestSetupData>))]
public sealed partial class IftttJsonContext : JsonSerializerContext;
