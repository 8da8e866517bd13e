using System.Text;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.ProductApi.Requests;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.UnitTests.Features.ProductApi;

public sealed class RequestRendererTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5090");

    private static DeclaredRequest Declare(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            values.ToDictionary(v => $"Service:Actions:0:Request:{v.Key}", v => v.Value)).Build();
        return DeclaredRequestParser.Parse(configuration.GetSection("Service:Actions:0:Request"));
    }

    private static DeclaredRequest LightsOn() => Declare(new()
    {
        ["Method"] = "POST",
        ["Path"] = "/api/rooms/{{ fields.room }}/lights/on",
        ["Headers:X-Note"] = "{{ fields.note }}",
        ["Body:color"] = "{{ fields.color }}",
        ["Body:tags:0"] = "ifttt",
        ["Body:tags:1"] = "{{ fields.note }}",
        ["Body:who:subject"] = "{{ user.subject }}",
    });

    private static Dictionary<string, object?> Model(string room = "kitchen", string note = "hi", string color = "warm") => new()
    {
        ["fields"] = new Dictionary<string, object?> { ["room"] = room, ["note"] = note, ["color"] = color },
        ["user"] = new Dictionary<string, object?> { ["id"] = "u1", ["subject"] = "usr_alice" },
    };

    [Fact]
    public void Render_PlainValues_BuildsPathHeaderAndJsonBody()
    {
        var rendered = RequestRenderer.Render(LightsOn(), Model(), Base);

        Assert.Equal(HttpMethod.Post, rendered.Method);
        Assert.Equal("http://127.0.0.1:5090/api/rooms/kitchen/lights/on", rendered.Url.AbsoluteUri);
        Assert.Equal("hi", Assert.Single(rendered.Headers, h => h.Key == "X-Note").Value);
        using var body = JsonDocument.Parse(rendered.Body!);
        Assert.Equal("warm", body.RootElement.GetProperty("color").GetString());
        Assert.Equal(["ifttt", "hi"], body.RootElement.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("usr_alice", body.RootElement.GetProperty("who").GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("//evil.host/x")]
    [InlineData("http://evil.host/")]
    [InlineData("@evil.host")]
    [InlineData("kitchen?admin=1#frag")]
    [InlineData("kitchen\r\nHost: evil.host")]
    [InlineData("%2e%2e")]
    public void Render_HostileRoom_StaysOneSegmentOnTheProductHost(string room)
    {
        var rendered = RequestRenderer.Render(LightsOn(), Model(room: room), Base);

        Assert.Equal("127.0.0.1", rendered.Url.Host);
        Assert.Equal(5090, rendered.Url.Port);
        Assert.Equal("", rendered.Url.Query);
        Assert.Equal("", rendered.Url.Fragment);
        // Exactly the declared five segments: the value filled one and added none.
        var segments = rendered.Url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["api", "rooms", room, "lights", "on"], segments.Select(Uri.UnescapeDataString));
    }

    /// <summary>Encoded, these would still be one segment; refused anyway in case the product decodes before routing.</summary>
    [Theory]
    [InlineData("..")]
    [InlineData("../admin")]
    [InlineData("a/../../b")]
    [InlineData("\\\\evil.host\\share")]
    public void Render_TraversalValue_IsRefusedNotSent(string room) =>
        Assert.Throws<RequestRefusedException>(() => RequestRenderer.Render(LightsOn(), Model(room: room), Base));

    [Theory]
    [InlineData("//evil.host/api")]
    [InlineData("/api/..%2f..%2fadmin")]
    [InlineData("/api/%5cadmin")]
    [InlineData("/api/../admin")]
    [InlineData("http://evil.host/api")]
    public void Url_RenderedPathLeavingTheApi_IsRefused(string path) =>
        Assert.Throws<RequestRefusedException>(() => RequestRenderer.Url(Base, path));

    [Fact]
    public void Url_BaseWithPath_KeepsItsPrefix() =>
        Assert.Equal("https://api.example.com/v2/api/notes", RequestRenderer.Url(new Uri("https://api.example.com/v2/"), "/api/notes").AbsoluteUri);

    [Theory]
    [InlineData("line\r\nX-Injected: 1")]
    [InlineData("line\nX-Injected: 1")]
    [InlineData("nul\0")]
    public void Render_HeaderValueWithLineBreak_IsRefused(string note) =>
        Assert.Throws<RequestRefusedException>(() => RequestRenderer.Render(LightsOn(), Model(note: note), Base));

    [Theory]
    [InlineData("\"}, \"admin\": true, \"x\": {\"")]
    [InlineData("{{ user.id }}{% raw %}")]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("\\\"\\u0000</script>")]
    public void Render_HostileBodyValue_IsOneJsonString(string color)
    {
        var rendered = RequestRenderer.Render(LightsOn(), Model(color: color, note: "n"), Base);

        using var body = JsonDocument.Parse(rendered.Body!);
        Assert.Equal(["color", "tags", "who"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(color, body.RootElement.GetProperty("color").GetString());
    }

    [Fact]
    public void Render_VeryLongValue_InBodyStaysOneString_InPathIsRefused()
    {
        var longValue = new string('a', 100_000) + "\"}";
        var rendered = RequestRenderer.Render(LightsOn(), Model(color: longValue, note: "n"), Base);
        using var body = JsonDocument.Parse(rendered.Body!);
        Assert.Equal(longValue, body.RootElement.GetProperty("color").GetString());

        Assert.Throws<RequestRefusedException>(() => RequestRenderer.Render(LightsOn(), Model(room: longValue), Base));
    }

    [Fact]
    public void Render_TemplateSyntaxInAValue_IsNotEvaluated()
    {
        var rendered = RequestRenderer.Render(LightsOn(), Model(color: "{{ user.subject }}", note: "n"), Base);
        using var body = JsonDocument.Parse(rendered.Body!);
        Assert.Equal("{{ user.subject }}", body.RootElement.GetProperty("color").GetString());
    }

    [Fact]
    public void Render_NonAsciiValue_IsPercentEncodedUtf8()
    {
        var rendered = RequestRenderer.Render(LightsOn(), Model(room: "Küche 1"), Base);
        Assert.Equal("/api/rooms/K%C3%BCche%201/lights/on", rendered.Url.AbsolutePath);
        Assert.Equal(Encoding.UTF8.GetString(rendered.Body!), Encoding.UTF8.GetString(rendered.Body!));
    }

    [Theory]
    [InlineData("Path", "http://evil.host/x", "Service:Actions:0:Request:Path")]
    [InlineData("Path", "//evil.host/x", "Service:Actions:0:Request:Path")]
    [InlineData("Path", "/api/{{ fields.room ", "Service:Actions:0:Request:Path")]
    [InlineData("Method", "TRACE", "Service:Actions:0:Request:Method")]
    [InlineData("Auth", "admin", "Service:Actions:0:Request:Auth")]
    [InlineData("Timeout", "forever", "Service:Actions:0:Request:Timeout")]
    [InlineData("SkipStatuses:0", "500", "Service:Actions:0:Request:SkipStatuses:0")]
    [InlineData("SkipStatuses:0", "401", "Service:Actions:0:Request:SkipStatuses:0")]
    [InlineData("Headers:Authorization", "Bearer x", "Service:Actions:0:Request:Headers:Authorization")]
    [InlineData("Response:Id", "id", "Service:Actions:0:Request:Response:Id")]
    public void Parse_BadDeclaration_NamesTheKey(string key, string value, string expectedPath)
    {
        var values = new Dictionary<string, string?> { ["Method"] = "POST", ["Path"] = "/api/notes" };
        values[key] = value;
        var error = Assert.Throws<StartupConfigurationException>(() => Declare(values));
        Assert.Equal(expectedPath, error.Key);
    }
}
