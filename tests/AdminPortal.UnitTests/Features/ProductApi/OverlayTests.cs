using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi;
using AdminPortal.Features.ProductApi.Options;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.UnitTests.Features.ProductApi;

/// <summary>The Acme Home overlay merges into the demo service by array index and still validates.</summary>
public sealed class OverlayTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdminPortal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public void AcmeOverlay_OverTheDemoService_DeclaresProductActionsDropdownsAndQuery()
    {
        var root = RepoRoot();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"))
            .AddJsonFile(Path.Combine(root, "samples/AcmeHome/adminportal.acme-home.json"))
            .Build();

        var requests = ProductRequests.Load(configuration);
        var service = new ServiceValidator(new HashSet<string> { "record", "http" }, new HashSet<string> { "attribute-values", "product" })
            .Validate(configuration.GetSection("Service").Get<ServiceOptions>()!);

        var lights = service.FindAction("turn_on_lights")!;
        Assert.Equal("http", lights.Handler);
        Assert.False(lights.Fields[0].SkipUnlessSeen);
        Assert.Equal("product", lights.Fields[0].DynamicOptions);
        Assert.Equal("Turn on the lights", lights.Name); // kept from the base
        Assert.Equal(HttpMethod.Post, requests.Action("turn_on_lights")!.Method);
        Assert.NotNull(requests.Action("add_log_entry"));
        Assert.NotNull(requests.Options(ProductDynamicOptions.HostPath(lights)!, "room"));
        Assert.NotNull(requests.Options("queries/list_door_events", "door")!.Group);
        Assert.NotNull(requests.Query("list_door_events"));
    }
}
