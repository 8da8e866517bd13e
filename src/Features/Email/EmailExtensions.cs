using AdminPortal.Shared;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Email;

public static class EmailExtensions
{
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateKeysOnStart(EmailOptions.Section);
        builder.Services.AddSingleton<EmailOutbox>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<OutboxEmailSender>();
        // SMTP when a host is configured, the .eml outbox otherwise.
        builder.Services.AddSingleton<IEmailSender>(services =>
            string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? services.GetRequiredService<OutboxEmailSender>()
                : services.GetRequiredService<SmtpEmailSender>());
        return builder;
    }
}
