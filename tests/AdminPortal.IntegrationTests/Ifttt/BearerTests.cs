using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class BearerTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> UserEndpoints => new()
    {
        { "GET", "/ifttt/v1/user/info" },
        { "POST", "/ifttt/v1/triggers/door_opened" },
        { "POST", "/ifttt/v1/triggers/door_opened/fields/door/options" },
        { "POST", "/ifttt/v1/triggers/button_pressed/fields/button/validate" },
        { "POST", "/ifttt/v1/triggers/button_pressed/validate" },
        { "DELETE", "/ifttt/v1/triggers/door_opened/trigger_identity/abc" },
        { "POST", "/ifttt/v1/actions/add_log_entry" },
        { "POST", "/ifttt/v1/actions/turn_on_lights/fields/room/options" },
        { "POST", "/ifttt/v1/queries/list_door_events" },
    };

    [Theory]
    [MemberData(nameof(UserEndpoints))]
    public async Task UserEndpoint_NoToken_Returns401WithErrorsNotARedirect(string method, string path)
    {
        var response = await factory.IftttClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = IftttFactory.Json("{}") }, Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(UserEndpoints))]
    public async Task UserEndpoint_GarbageToken_Returns401WithErrors(string method, string path)
    {
        var response = await factory.IftttClient("not-a-real-token").SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = IftttFactory.Json("{}") }, Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserInfo_ValidToken_ReturnsPermanentIdNameAndAccountUrl()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct), HttpStatusCode.OK);

        var data = json.GetProperty("data");
        Assert.Equal(userId, data.GetProperty("id").GetString());
        Assert.StartsWith("user-", data.GetProperty("name").GetString());
        Assert.Equal("http://localhost/Account", data.GetProperty("url").GetString());
    }

    [Fact]
    public async Task UserInfo_RevokedToken_Returns401WithErrors()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ifttt/v1/user/info", Ct)).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await foreach (var entry in tokens.FindBySubjectAsync(userId, Ct))
            {
                await tokens.TryRevokeAsync(entry, Ct);
            }
        }

        await HttpAssert.ErrorAsync(await client.GetAsync("/ifttt/v1/user/info", Ct), HttpStatusCode.Unauthorized);
        await HttpAssert.ErrorAsync(await client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json("""{"triggerFields":{"door":"x"}}"""), Ct), HttpStatusCode.Unauthorized);
    }
}
