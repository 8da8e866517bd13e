using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Ifttt;

public sealed class ServiceValidatorTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Service:Name"] = "Demo",
        ["Service:Slug"] = "demo",
        ["Service:Triggers:0:Slug"] = "door_opened",
        ["Service:Triggers:0:Name"] = "Door opened",
        ["Service:Triggers:0:Attributes:0"] = "door",
        ["Service:Triggers:0:Attributes:1"] = "room",
        ["Service:Triggers:0:Fields:0:Slug"] = "door",
        ["Service:Triggers:0:Fields:0:Label"] = "Door",
        ["Service:Triggers:0:Fields:0:Required"] = "true",
        ["Service:Triggers:0:Fields:1:Slug"] = "room",
        ["Service:Triggers:0:Fields:1:Label"] = "Room",
        ["Service:Triggers:0:Ingredients:0:Slug"] = "door",
        ["Service:Actions:0:Slug"] = "log",
        ["Service:Actions:0:Name"] = "Log",
        ["Service:Actions:0:Handler"] = "record",
        ["Service:Queries:0:Slug"] = "doors",
        ["Service:Queries:0:Name"] = "Doors",
        ["Service:Queries:0:Trigger"] = "door_opened",
    };

    private static DeclaredService Load(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddKeyedScoped<IActionHandler, RecordActionHandler>(RecordActionHandler.Name);
        services.AddKeyedScoped<IDynamicOptionsProvider>("attribute-values", (_, _) => null!);
        return ServiceLoader.Load(configuration, services);
    }

    [Fact]
    public void Validate_ValidSection_BuildsLookups()
    {
        var service = Load();
        Assert.Equal("door", service.FindTrigger("door_opened")!.Fields[0].Matches);
        Assert.Equal("record", service.FindAction("log")!.Handler);
        Assert.Equal(service.FindTrigger("door_opened")!.Ingredients, service.FindQuery("doors")!.Ingredients);
    }

    [Theory]
    [InlineData("Service:Triggers:0:Fields:1:Matches", "cellar", "Service:Triggers:0:Fields:1:Matches")]
    [InlineData("Service:Triggers:0:Fields:1:Slug", "door", "Service:Triggers:0:Fields:1:Slug")]
    [InlineData("Service:Actions:0:Handler", "teleport", "Service:Actions:0:Handler")]
    [InlineData("Service:Triggers:0:Fields:0:Kind", "slider", "Service:Triggers:0:Fields:0:Kind")]
    [InlineData("Service:Triggers:0:Fields:0:DynamicOptions", "magic", "Service:Triggers:0:Fields:0:Kind")]
    [InlineData("Service:Triggers:0:Ingredients:0:Type", "blob", "Service:Triggers:0:Ingredients:0:Type")]
    [InlineData("Service:Queries:0:Trigger", "nope", "Service:Queries:0:Trigger")]
    [InlineData("Service:Slug", "Not A Slug", "Service:Slug")]
    [InlineData("Service:Triggers:0:Fields:1:Matches", "door", "Service:Triggers:0:Fields:1:Matches")]
    [InlineData("Service:Name", "", "Service:Name")]
    [InlineData("Service:Triggers:0:Fields:0:Validation:Pattern", "([a-z", "Service:Triggers:0:Fields:0:Validation:Pattern")]
    public void Validate_Mistake_NamesTheConfigurationPath(string key, string value, string expectedPath)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Load((key, value)));
        Assert.Equal(expectedPath, ex.Key);
        Assert.StartsWith(expectedPath + ": ", ex.Message);
    }

    [Fact]
    public void Validate_DuplicateTriggerSlug_NamesTheSecondOne()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Load(
            ("Service:Triggers:1:Slug", "door_opened"), ("Service:Triggers:1:Name", "Again")));
        Assert.Equal("Service:Triggers:1:Slug", ex.Key);
    }

    [Fact]
    public void Validate_UnknownDynamicOptionsProvider_NamesIt()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Load(
            ("Service:Triggers:0:Fields:0:Kind", "dropdown"), ("Service:Triggers:0:Fields:0:DynamicOptions", "magic")));
        Assert.Equal("Service:Triggers:0:Fields:0:DynamicOptions", ex.Key);
    }

    [Theory]
    [InlineData(null, "x!", "Service:Triggers:0:Fields:0:Sample")]
    [InlineData("abc", null, "Service:Triggers:0:Fields:0:InvalidSample")]
    [InlineData("abc", "def", "Service:Triggers:0:Fields:0:InvalidSample")]
    public void Validate_ValidatedTriggerField_NeedsMatchingSamples(string? sample, string? invalid, string expectedPath)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Load(
            ("Service:Triggers:0:Fields:0:Validation:Pattern", "[a-z]+"),
            ("Service:Triggers:0:Fields:0:Sample", sample), ("Service:Triggers:0:Fields:0:InvalidSample", invalid)));
        Assert.Equal(expectedPath, ex.Key);
    }

    [Fact]
    public void Validate_ShippedDemoService_IsValid()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepoRoot(), "appsettings.json"))
            .Build();
        var services = new ServiceCollection();
        services.AddKeyedScoped<IActionHandler, RecordActionHandler>(RecordActionHandler.Name);
        services.AddKeyedScoped<IDynamicOptionsProvider>("attribute-values", (_, _) => null!);

        var service = ServiceLoader.Load(configuration, services);

        Assert.Equal(["door_opened", "button_pressed"], service.Triggers.Select(t => t.Slug));
        Assert.Equal(["turn_on_lights", "add_log_entry"], service.Actions.Select(a => a.Slug));
        Assert.Equal(["list_door_events"], service.Queries.Select(q => q.Slug));
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
