using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Connectors.Webhooks;

/// <summary>Forgets webhook ids older than <see cref="ConnectorOptions.WebhookIdRetention"/>: their timestamps are refused by then anyway.</summary>
public sealed class ReceivedWebhookPruneJob(ReceivedWebhookStore store, IOptions<ConnectorOptions> options, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken ct) => store.PruneAsync(clock.GetUtcNow() - options.Value.WebhookIdRetention, ct);
}
