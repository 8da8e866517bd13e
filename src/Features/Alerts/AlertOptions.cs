using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// <c>Alerts</c>: a fixed set of named rules, each with an <c>Enabled</c> switch and its thresholds, and where a firing
/// or cleared incident is sent (email recipients, a signed webhook). Typed rules rather than free-form expressions: each
/// threshold is checked at start by its key, and a misspelt rule name stops start-up (<see cref="AlertOptionsValidator"/>).
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public AlertEmailOptions Email { get; set; } = new();
    public AlertWebhookOptions Webhook { get; set; } = new();
    public AlertRuleOptions Rules { get; set; } = new();
    public ReconnectPromptOptions Reconnect { get; set; } = new();
}

public sealed class AlertEmailOptions
{
    /// <summary>Who is emailed when an incident opens or clears; empty: no email (the Alerts page still lists it).</summary>
    public List<string> To { get; set; } = [];
}

public sealed class AlertWebhookOptions
{
    /// <summary>Where incidents are POSTed as Standard Webhooks (<c>alert.opened</c>, <c>alert.cleared</c>); empty: none.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>The Standard Webhooks secret (<c>whsec_…</c>) the <c>webhook-signature</c> header is made with; required with a URL.</summary>
    public string? Secret { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The rules, by name. <see cref="AlertRuleNames"/> lists the names configuration may use.</summary>
public sealed class AlertRuleOptions
{
    public RealtimeRuleOptions Realtime { get; set; } = new();
    public ErrorRateRuleOptions ErrorRate { get; set; } = new();
    public FailingForUsersRuleOptions FailingForUsers { get; set; } = new();
    public EnabledRuleOptions LikelyDisabled { get; set; } = new();
    public CertificatesRuleOptions Certificates { get; set; } = new();
    public DatabaseSizeRuleOptions DatabaseSize { get; set; } = new();
    public BackupRuleOptions Backup { get; set; } = new();
}

public static class AlertRuleNames
{
    public const string Realtime = nameof(AlertRuleOptions.Realtime);
    public const string ErrorRate = nameof(AlertRuleOptions.ErrorRate);
    public const string FailingForUsers = nameof(AlertRuleOptions.FailingForUsers);
    public const string LikelyDisabled = nameof(AlertRuleOptions.LikelyDisabled);
    public const string Certificates = nameof(AlertRuleOptions.Certificates);
    public const string DatabaseSize = nameof(AlertRuleOptions.DatabaseSize);
    public const string Backup = nameof(AlertRuleOptions.Backup);

    public static readonly string[] All = [Realtime, ErrorRate, FailingForUsers, LikelyDisabled, Certificates, DatabaseSize, Backup];
}

public class EnabledRuleOptions
{
    public bool Enabled { get; set; } = true;
}

public sealed class RealtimeRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires while this many batches (or more) are failed — given up after <c>Ifttt:Realtime:MaxAge</c> — and not retried.</summary>
    [Range(1, 1_000_000)]
    public int FailedBatches { get; set; } = 1;

    /// <summary>Fires while the oldest notification not yet delivered is older than this many minutes.</summary>
    [Range(1, 10_080)]
    public int PendingMinutes { get; set; } = 15;
}

public sealed class ErrorRateRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires when more than this share of IFTTT's requests were answered 5xx in the window.</summary>
    [Range(0.1, 100.0)]
    public double Percent { get; set; } = 5;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>Fewer requests than this in the window say nothing (one error in two requests is not an outage).</summary>
    [Range(1, 1_000_000)]
    public int MinRequests { get; set; } = 20;
}

public sealed class FailingForUsersRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires for an action or a trigger that failed for more than this many distinct users in the window.</summary>
    [Range(1, 1_000_000)]
    public int Users { get; set; } = 3;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 60;
}

public sealed class CertificatesRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires when the token signing or encryption certificate in use expires within this many days.</summary>
    [Range(1, 365)]
    public int Days { get; set; } = 21;
}

public sealed class DatabaseSizeRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires when the database file (with its write-ahead log) is larger than this.</summary>
    [Range(1, 10_000_000)]
    public int Megabytes { get; set; } = 10_240;
}

public sealed class BackupRuleOptions : EnabledRuleOptions
{
    /// <summary>Fires when backups are on and the newest is older than this (none at all counts once the database is this old).</summary>
    [Range(1, 8760)]
    public int MaxAgeHours { get; set; } = 26;
}

/// <summary><c>Alerts:Reconnect</c>: the one email to a user whose IFTTT link fails (issue 19 item 3).</summary>
public sealed class ReconnectPromptOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where the email sends the user; empty: IFTTT's page of the service, <c>https://ifttt.com/{slug}/settings</c>.</summary>
    [Url]
    public string? Url { get; set; }
}
