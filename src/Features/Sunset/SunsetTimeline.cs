namespace AdminPortal.Features.Sunset;

public enum StepState
{
    Waiting,
    Due,
    Done,
    Cancelled,
}

public sealed record TimelineStep(string Name, DateTimeOffset At, StepState State, string Detail);

/// <summary>IFTTT's sunset timeline (FAQ): platform team ≥ 14 days ahead, users 7 days ahead, removal on the date.</summary>
public static class SunsetTimeline
{
    public static readonly TimeSpan PlatformNoticeLead = TimeSpan.FromDays(14);
    public static readonly TimeSpan UserNoticeLead = TimeSpan.FromDays(7);
}
