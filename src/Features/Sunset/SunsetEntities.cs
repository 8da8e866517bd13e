namespace AdminPortal.Features.Sunset;

public enum SunsetPlanState
{
    Scheduled = 0,
    Cancelled = 1,
    Completed = 2,
}

/// <summary>The service's retirement plan, following IFTTT's FAQ: platform team ≥ 14 days ahead, users 7 days ahead, then removal.</summary>
public sealed class SunsetPlan
{
    public long Id { get; set; }
    public DateTimeOffset SunsetAt { get; set; }
    public required string Reason { get; set; }
    public required string MessageToUsers { get; set; }
    public required string PlatformTeamEmail { get; set; }

    /// <summary>The admin confirmed a date less than 14 days ahead.</summary>
    public bool ShortNoticeConfirmed { get; set; }

    public SunsetPlanState State { get; set; }

    /// <summary>Bumped on every change, so a changed plan sends the platform team a fresh notice.</summary>
    public int Revision { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public string? UserNoticeJobId { get; set; }
    public string? SunsetJobId { get; set; }

    public DateTimeOffset UserNoticeAt => SunsetAt - SunsetTimeline.UserNoticeLead;
}

/// <summary>Every plan change, by whom and when (the page's history).</summary>
public sealed class SunsetHistoryEntry
{
    public long Id { get; set; }
    public long? PlanId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string What { get; set; }
}

public enum NoticeDeliveryState
{
    Sending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>The app stopped while sending: it may have gone out, so it is never sent again automatically.</summary>
    Uncertain = 3,
}

/// <summary>One notice to one recipient; unique per (notice, recipient), which is what makes every job safe to rerun.</summary>
public sealed class NoticeDelivery
{
    public long Id { get; set; }

    /// <summary>e.g. <c>sunset:3:user</c>, <c>sunset:3:platform:2</c>, <c>reconnect:5</c>.</summary>
    public required string NoticeKey { get; init; }

    public required string Recipient { get; init; }
    public string? UserId { get; init; }
    public required string Subject { get; set; }
    public NoticeDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>A one-off notice to connected users, e.g. "please reconnect" after an OAuth change.</summary>
public sealed class NoticeCampaign
{
    public long Id { get; set; }
    public required string Kind { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; init; }
}
