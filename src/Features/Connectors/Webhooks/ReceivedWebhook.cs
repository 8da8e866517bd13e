using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Connectors.Webhooks;

/// <summary>
/// A <c>webhook-id</c> already handled for a source: a second delivery with the same id is answered without storing
/// anything. Kept for longer than the timestamp tolerance (older deliveries are refused anyway), then pruned.
/// </summary>
public sealed class ReceivedWebhook
{
    public required string Source { get; init; }
    public required string MessageId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class ReceivedWebhookConfiguration : IEntityTypeConfiguration<ReceivedWebhook>
{
    public void Configure(EntityTypeBuilder<ReceivedWebhook> e)
    {
        e.ToTable("ReceivedWebhooks");
        e.HasKey(x => new { x.Source, x.MessageId });
        e.Property(x => x.Source).HasMaxLength(100);
        e.Property(x => x.MessageId).HasMaxLength(200);
        e.Property(x => x.ReceivedAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.HasIndex(x => x.ReceivedAt);
    }
}
