using System.Net;
using System.Text.Json;

namespace AdminPortal.IntegrationTests.Infrastructure;

public static class HttpAssert
{
    /// <summary>Asserts the status and returns the parsed JSON body (which must be JSON).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>IFTTT's error shape: {"errors":[{"message": "..."}]}; returns the first message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await JsonAsync(response, expected);
        var first = json.GetProperty("errors")[0];
        var message = first.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
