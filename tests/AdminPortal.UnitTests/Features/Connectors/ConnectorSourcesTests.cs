using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Connectors.Sources;
using AdminPortal.Features.Service;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.UnitTests.Features.Connectors;

/// <summary>Source declarations: the Acme overlay over the demo service, start-up errors naming their key, item mapping errors naming the item.</summary>
public sealed class ConnectorSourcesTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Service:Triggers:0:Slug"] = "door_opened",
        ["Service:Triggers:0:Attributes:0"] = "door",
        ["Service:Triggers:0:Ingredients:0:Slug"] = "door",
        ["Service:Triggers:0:Ingredients:1:Slug"] = "opened_at",
        ["Service:Triggers:0:Ingredients:1:Type"] = "datetime",
        ["Service:Triggers:0:Source:Poll:Request:Path"] = "/api/events?after={{ cursor }}",
        ["Service:Triggers:0:Source:Poll:Filter:/type"] = "door.opened",
        ["Service:Triggers:0:Source:Map:SourceId"] = "/id",
        ["Service:Triggers:0:Source:Map:OccurredAt"] = "/occurred_at",
        ["Service:Triggers:0:Source:Map:Attributes:door"] = "/door",
        ["Service:Triggers:0:Source:Map:Ingredients:door"] = "{{ item.door | upcase }}",
        ["Service:Triggers:0:Source:Map:Ingredients:opened_at"] = "/occurred_at",
    };

    private static readonly TriggerDefinition DoorOpened = new("door_opened", "Door opened", ["door"], [],
        [new IngredientDefinition("door", IngredientType.String), new IngredientDefinition("opened_at", IngredientType.DateTime)]);

    [Fact]
    public void AcmeOverlay_OverTheDemoService_DoorOpenedPolledAndByWebhook()
    {
        var root = RepoRoot();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"))
            .AddJsonFile(Path.Combine(root, "samples/AcmeHome/adminportal.acme-home.json"))
            .Build();

        var sources = ConnectorSources.Load(configuration);

        var door = Assert.Single(sources.All);
        Assert.Equal("door_opened", door.Trigger);
        Assert.Equal(TimeSpan.FromMinutes(1), door.Poll!.Interval);
        Assert.Equal("acme", door.Webhook!.Name);
        Assert.Same(door, Assert.Single(sources.Webhooks["acme"]));
        Assert.Equal(["door", "opened_at", "room", "snapshot_url"], door.Map.Ingredients.Keys.Order());
    }

    [Theory]
    [InlineData("Service:Triggers:0:Source:Map:Ingredients:opened_at", null, "Service:Triggers:0:Source:Map:Ingredients:opened_at")]
    [InlineData("Service:Triggers:0:Source:Map:Ingredients:colour", "/colour", "Service:Triggers:0:Source:Map:Ingredients:colour")]
    [InlineData("Service:Triggers:0:Source:Map:SourceId", null, "Service:Triggers:0:Source:Map:SourceId")]
    [InlineData("Service:Triggers:0:Source:Poll:Interval", "soon", "Service:Triggers:0:Source:Poll:Interval")]
    [InlineData("Service:Triggers:0:Source:Poll:Items", "data", "Service:Triggers:0:Source:Poll:Items")]
    [InlineData("Service:Triggers:0:Source:Webhook:Secret", "not-a-secret", "Service:Triggers:0:Source:Webhook:Secret")]
    [InlineData("Service:Triggers:0:Source:Map:Ingredients:door", "{{ item.door ", "Service:Triggers:0:Source:Map:Ingredients:door")]
    public void Load_Mistake_NamesItsKey(string key, string? value, string expectedKey)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key.Contains("Webhook", StringComparison.Ordinal))
        {
            settings["Service:Triggers:0:Source:Webhook:Name"] = "acme";
            settings["Service:Triggers:0:Source:Webhook:User"] = "/data/user_id";
        }

        var error = Assert.Throws<StartupConfigurationException>(() =>
            ConnectorSources.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        Assert.StartsWith(expectedKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ItemsWithProblems_EachNamesItsIndexAndWhat()
    {
        var source = Assert.Single(ConnectorSources.Load(new ConfigurationBuilder().AddInMemoryCollection(Valid).Build()).All);
        using var page = JsonDocument.Parse("""
            [{"id":"evt_1","type":"door.opened","door":"front","occurred_at":"2026-12-02T06:00:00Z"},
             {"id":"evt_2","type":"light.on"},
             {"type":"door.opened","door":"back","occurred_at":"2026-12-02T06:01:00Z"},
             {"id":"evt_4","type":"door.opened","occurred_at":"2026-12-02T06:02:00Z"},
             {"id":"evt_5","type":"door.opened","door":"side","occurred_at":"yesterday"},
             "not an object"]
            """);
        var items = ItemMapper.Items(page.RootElement, null)!;

        var mapped = items.Select((item, i) => ItemMapper.Map(DoorOpened, source.Map, source.Poll!.Filter, item, i, "usr_alice")).ToList();

        Assert.Equal("usr_alice", mapped[0].Event!.User);
        Assert.Equal("FRONT", mapped[0].Event!.Ingredients!["door"]);
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture), mapped[0].Event!.OccurredAt);
        Assert.Equal("front", mapped[0].Event!.Attributes!["door"]);
        Assert.True(mapped[1].Filtered);
        Assert.Equal("items[2]: source id (/id) is missing, empty or longer than 200 characters.", mapped[2].Error);
        Assert.Equal("items[3]: attribute 'door' (/door) is missing.", mapped[3].Error);
        Assert.Equal("items[4]: occurred-at (/occurred_at) is missing or not an ISO 8601 date and time.", mapped[4].Error);
        Assert.Equal("items[5]: is not a JSON object.", mapped[5].Error);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdminPortal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
