using AdminPortal.Features.Alerts.Reconnect;
using AdminPortal.Features.Alerts.Rules;
using AdminPortal.Shared;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts;

public static class AlertsExtensions
{
    /// <summary>
    /// The <c>Alerts</c> section's rules, checked by the <c>alerts-check</c> job into <c>AlertIncidents</c> and sent by email
    /// and a signed webhook; the <c>reconnect-prompts</c> job's email to users whose link fails (decision 0025).
    /// </summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateKeysOnStart(AlertOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        // In the order the Alerts page and the README list them.
        builder.Services.AddSingleton<IAlertRule, RealtimeRule>();
        builder.Services.AddSingleton<IAlertRule, ErrorRateRule>();
        builder.Services.AddSingleton<IAlertRule, FailingForUsersRule>();
        builder.Services.AddSingleton<IAlertRule, LikelyDisabledRule>();
        builder.Services.AddSingleton<IAlertRule, CertificatesRule>();
        builder.Services.AddSingleton<IAlertRule, DatabaseSizeRule>();
        builder.Services.AddSingleton<IAlertRule, BackupRule>();
        builder.Services.AddHttpClient(AlertWebhook.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<AlertMessages>();
        builder.Services.AddSingleton<AlertWebhook>();
        builder.Services.AddScoped<AlertNotifier>();
        builder.Services.AddScoped<AlertChecker>();
        builder.Services.AddScoped<ReconnectPrompts>();
        builder.Services.AddScoped<AlertJobs>();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<ReconnectPromptQueries>();
        return builder;
    }
}
