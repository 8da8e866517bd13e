using System.Text.RegularExpressions;
using AdminPortal.IntegrationTests.Infrastructure;
using MimeKit;

namespace AdminPortal.IntegrationTests.Accounts;

/// <summary>The account pages' forms, submitted as a browser would (see <see cref="FormPoster"/>).</summary>
internal static partial class AccountForms
{
    public const string Password = "User-Passw0rd-1";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@test.local";

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = Password, string? confirm = null) =>
        FormPoster.SubmitAsync(client, "/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    public static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next) =>
        FormPoster.SubmitAsync(client, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.Password"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    /// <summary>A new end user, registered through the page and its emailed link, left signed in on <paramref name="client"/>.</summary>
    public static async Task<string> RegisterSignedInAsync(AdminPortalFactory factory, HttpClient client)
    {
        var email = NewEmail();
        var response = await RegisterAsync(client, email);
        Assert.Contains("We sent a message to", await response.Content.ReadAsStringAsync());
        var confirmed = await ConfirmAsync(client, RegistrationLink(factory, email));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, confirmed.StatusCode);
        return email;
    }

    /// <summary>The newest message in the outbox addressed to <paramref name="email"/>.</summary>
    public static MimeMessage LatestEmailTo(AdminPortalFactory factory, string email) =>
        new DirectoryInfo(Path.Combine(factory.DataDirectory, "outbox")).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => MimeMessage.Load(f.FullName))
            .Last(m => m.To.Mailboxes.Any(a => a.Address == email));

    /// <summary>The confirmation link of the newest registration email to <paramref name="email"/>, as a local path and query.</summary>
    public static string RegistrationLink(AdminPortalFactory factory, string email)
    {
        var match = ConfirmationUrl().Match(LatestEmailTo(factory, email).TextBody ?? "");
        Assert.True(match.Success, "the registration email has a confirmation link");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>Opens the emailed link and presses its button, as the person would.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string link)
    {
        var page = await client.GetStringAsync(link);
        return await FormPoster.SubmitAsync(client, link, new Dictionary<string, string> { ["Input.Token"] = FormPoster.HiddenValue(page, "Input.Token") });
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmRegistration\?token=\S+")]
    private static partial Regex ConfirmationUrl();

    /// <summary>Where a redirect points, as a local path and query; fails if it leaves the site.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw new InvalidOperationException($"No Location header ({(int)response.StatusCode}).");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
