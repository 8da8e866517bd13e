namespace AdminPortal.BenchTests;

/// <summary>The bench tests that start a PostgreSQL cluster honour the test command's opt-out, as the integration suite's second run does.</summary>
public static class BenchPostgres
{
    public const string SkipReason = "ADMINPORTAL_SKIP_POSTGRES=1: no PostgreSQL run";

    public static bool Skipped => Environment.GetEnvironmentVariable("ADMINPORTAL_SKIP_POSTGRES") == "1";
}
