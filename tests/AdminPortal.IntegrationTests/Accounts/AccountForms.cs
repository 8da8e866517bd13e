using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Accounts;

/// <summary>The account pages' forms, submitted as a browser would (see <see cref="FormPoster"/>).</summary>
internal static class AccountForms
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

    /// <summary>A new end user, registered through the page and left signed in on <paramref name="client"/>.</summary>
    public static async Task<string> RegisterSignedInAsync(HttpClient client)
    {
        var email = NewEmail();
        var response = await RegisterAsync(client, email);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return email;
    }

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
