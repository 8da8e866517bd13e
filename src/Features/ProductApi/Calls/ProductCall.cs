using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.ProductApi.Calls;

/// <summary>
/// One HTTP call AdminPortal made to the product: what was asked (method, URL with secrets in the query masked), what
/// came back (status, latency, the product's message) and why (the IFTTT request id and user). Never a token or a body.
/// </summary>
public sealed class ProductCall
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>What made the call, e.g. <c>action turn_on_lights</c>, <c>options actions/turn_on_lights/room</c>.</summary>
    public required string Purpose { get; init; }
    public string? UserId { get; init; }

    /// <summary>IFTTT's X-Request-ID of the request that caused the call.</summary>
    public string? RequestId { get; init; }
    public required string Method { get; init; }
    public required string Url { get; init; }

    /// <summary>Null when no answer came (timeout, network error, refused before sending).</summary>
    public int? Status { get; init; }
    public required double LatencyMs { get; init; }

    /// <summary>One of <see cref="Requests.ProductCallOutcome"/>'s names, lower-case.</summary>
    public required string Outcome { get; init; }
    public string? Message { get; init; }
}

internal sealed class ProductCallConfiguration : IEntityTypeConfiguration<ProductCall>
{
    public void Configure(EntityTypeBuilder<ProductCall> e)
    {
        e.ToTable("ProductCalls");
        e.Property(x => x.At).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.Purpose).HasMaxLength(200);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.RequestId).HasMaxLength(100);
        e.Property(x => x.Method).HasMaxLength(10);
        e.Property(x => x.Url).HasMaxLength(2000);
        e.Property(x => x.Outcome).HasMaxLength(20);
        e.Property(x => x.Message).HasMaxLength(1000);
        // The dashboard finds a request's calls by X-Request-ID, and lists the latest ones.
        e.HasIndex(x => x.RequestId);
        e.HasIndex(x => x.At);
    }
}
