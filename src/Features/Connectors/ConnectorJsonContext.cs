using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Features.Connectors.Webhooks;
using AdminPortal.Features.Ifttt.Protocol;

namespace AdminPortal.Features.Connectors;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DataEnvelope<WebhookReceipt>))]
internal sealed partial class ConnectorJsonContext : JsonSerializerContext;
