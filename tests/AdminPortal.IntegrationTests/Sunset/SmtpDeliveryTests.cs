using AdminPortal.Features.Email;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace AdminPortal.IntegrationTests.Sunset;

public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task Send_SmtpHostConfigured_DeliveredOverRealSmtpWithTextAndHtml()
    {
        using var sink = Configuration.Configure().WithRandomPort().Build();
        await using var app = new AdminPortalFactory();
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = sink.Configuration.Port.ToString();
        app.Settings["Email:Smtp:Tls"] = "None";
        app.Settings["Email:From"] = "Demo Service <notices@demo.test>";

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(
            new EmailMessage("user@test.local", "A User", "Hello over SMTP", "plain words", "<p>html words</p>"), TestContext.Current.CancellationToken);

        var received = Assert.Single(sink.ReceivedEmail);
        Assert.Equal("user@test.local", received.ToAddresses.Single().Address);
        Assert.Equal("notices@demo.test", received.FromAddress.Address);
        Assert.Equal("Hello over SMTP", received.Subject);
        Assert.Contains("plain words", received.Data);
        Assert.Contains("html words", received.Data);
    }
}
