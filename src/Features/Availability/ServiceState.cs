using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Availability;

/// <summary>The service's switchable state (one row): while in maintenance, status answers 503 and IFTTT retries later.</summary>
public sealed class ServiceStateRow
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public bool Maintenance { get; set; }
    public string? MaintenanceMessage { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ServiceStateRowConfiguration : IEntityTypeConfiguration<ServiceStateRow>
{
    public void Configure(EntityTypeBuilder<ServiceStateRow> e)
    {
        e.ToTable("IftttServiceState");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.MaintenanceMessage).HasMaxLength(500);
        e.Property(x => x.UpdatedAt).HasConversion(UnixMillisecondsConverter.Instance);
    }
}
