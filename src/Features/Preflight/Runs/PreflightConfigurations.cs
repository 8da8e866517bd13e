using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Preflight.Runs;

internal sealed class PreflightRunConfiguration : IEntityTypeConfiguration<PreflightRun>
{
    public void Configure(EntityTypeBuilder<PreflightRun> run)
    {
        run.ToTable("PreflightRuns");
        run.Property(r => r.BaseUrl).HasMaxLength(2000);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => r.StartedAt); // the page lists the newest runs
    }
}

internal sealed class PreflightRunResultConfiguration : IEntityTypeConfiguration<PreflightRunResult>
{
    public void Configure(EntityTypeBuilder<PreflightRunResult> result)
    {
        result.ToTable("PreflightResults");
        result.Property(r => r.Test).HasMaxLength(300);
        result.Property(r => r.Method).HasMaxLength(10);
        result.Property(r => r.Path).HasMaxLength(2000);
        result.Property(r => r.Excerpt).HasMaxLength(PreflightExchange.ExcerptLength + 100);
        result.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(10);
        result.Property(r => r.Why).HasMaxLength(2000);
        result.Property(r => r.Fix).HasMaxLength(2000);
        result.HasIndex(r => new { r.RunId, r.Position }).IsUnique();
    }
}

internal sealed class PublishCheckConfiguration : IEntityTypeConfiguration<PublishCheck>
{
    public void Configure(EntityTypeBuilder<PublishCheck> check)
    {
        check.ToTable("PublishChecks");
        check.HasKey(c => c.Key);
        check.Property(c => c.Key).HasMaxLength(50);
        check.Property(c => c.Note).HasMaxLength(200);
        check.Property(c => c.UpdatedBy).HasMaxLength(256);
    }
}
