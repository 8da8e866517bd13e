namespace AdminPortal.Features.Preflight.Runs;

/// <summary>One preflight started from the dashboard: where it ran, who started it and the counts.</summary>
public sealed class PreflightRun
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public required string BaseUrl { get; set; }
    public required string StartedBy { get; set; }

    /// <summary>Whether the authentication tests ran (a client secret and a test user were given).</summary>
    public bool WithAuth { get; set; }

    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public List<PreflightRunResult> Results { get; set; } = [];
}

/// <summary>One test of a run, as <see cref="PreflightResult"/> reported it.</summary>
public sealed class PreflightRunResult
{
    public long Id { get; set; }
    public long RunId { get; set; }

    /// <summary>The order the tests ran in.</summary>
    public int Position { get; set; }

    public required string Test { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public int? Status { get; set; }
    public required string Excerpt { get; set; }
    public PreflightOutcome Outcome { get; set; }
    public string? Why { get; set; }
    public string? Fix { get; set; }
}

/// <summary>A box of the publish checklist an admin ticks by hand (the sample Applets, the platform values).</summary>
public sealed class PublishCheck
{
    public required string Key { get; set; }
    public bool Done { get; set; }

    /// <summary>For a sample Applet: its name, as the admin noted it.</summary>
    public string? Note { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
