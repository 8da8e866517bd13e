using AdminPortal.Features.ProductLink;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>
/// The app wired to a product on its own Kestrel port: the demo service's actions call it (<c>Handler: "http"</c>),
/// the room dropdown asks it, every call is signed. Declared through configuration exactly as an adopter would.
/// </summary>
public sealed class ProductApiFactory : IftttFactory, IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public ProductApiFactory()
    {
        Product = StandInProduct.StartAsync().GetAwaiter().GetResult();
        Tokens = new StandInProductTokens(Product);
        foreach (var (key, value) in Declarations(Product.BaseUrl))
        {
            Settings[key] = value;
        }
    }

    public StandInProduct Product { get; }
    public StandInProductTokens Tokens { get; }

    public static Dictionary<string, string?> Declarations(Uri product) => new()
    {
        ["Product:Name"] = "Stand-in Home",
        ["Product:ApiBaseUrl"] = product.ToString(),
        ["Product:Timeout"] = Timeout.ToString(),
        ["Product:Signing:Secret"] = StandInProduct.SigningSecret,
        // A complete product declaration signs users in too (plain OAuth2 here: no discovery to read at start-up);
        // these tests link their users through the stand-in tokens instead.
        ["Product:SignIn:Protocol"] = "OAuth2",
        ["Product:SignIn:ClientId"] = "adminportal",
        ["Product:SignIn:ClientSecret"] = "stand-in-secret",
        ["Product:SignIn:AuthorizationEndpoint"] = product + "oauth/authorize",
        ["Product:SignIn:TokenEndpoint"] = product + "oauth/token",
        ["Product:SignIn:UserInfoEndpoint"] = product + "api/me",
        // turn_on_lights (Service:Actions:0): the product's light API; its room dropdown lists the product's rooms.
        ["Service:Actions:0:Handler"] = "http",
        ["Service:Actions:0:Fields:0:DynamicOptions"] = "product",
        ["Service:Actions:0:Fields:0:SkipUnlessSeen"] = "false",
        ["Service:Actions:0:Fields:0:OptionsRequest:Path"] = "/api/rooms",
        ["Service:Actions:0:Fields:0:OptionsRequest:Items"] = "/data",
        ["Service:Actions:0:Fields:0:OptionsRequest:Label"] = "/name",
        ["Service:Actions:0:Fields:0:OptionsRequest:Value"] = "/id",
        ["Service:Actions:0:Request:Method"] = "POST",
        ["Service:Actions:0:Request:Path"] = "/api/rooms/{{ fields.room }}/lights/on",
        ["Service:Actions:0:Request:Body:color"] = "warm",
        ["Service:Actions:0:Request:Body:requested_by"] = "{{ user.subject }}",
        ["Service:Actions:0:Request:Body:note"] = "Lights on in {{ fields.room }} (IFTTT request {{ ifttt.request_id }})",
        ["Service:Actions:0:Request:Response:Id"] = "/id",
        ["Service:Actions:0:Request:Response:Url"] = "/url",
        ["Service:Actions:0:Request:SkipStatuses:0"] = "404",
        ["Service:Actions:0:Request:SkipStatuses:1"] = "409",
        ["Service:Actions:0:Request:SkipStatuses:2"] = "422",
        // add_log_entry (Service:Actions:1): a note in the product.
        ["Service:Actions:1:Handler"] = "http",
        ["Service:Actions:1:Request:Method"] = "POST",
        ["Service:Actions:1:Request:Path"] = "/api/notes",
        ["Service:Actions:1:Request:Body:text"] = "{{ fields.message }}",
        ["Service:Actions:1:Request:Response:Id"] = "/id",
        ["Service:Actions:1:Request:SkipStatuses:0"] = "422",
        // door_opened's door field (Service:Triggers:0:Fields:0) is validated by the product.
        ["Service:Triggers:0:Fields:0:ValidateRequest:Path"] = "/api/doors/{{ value }}",
        ["Service:Triggers:0:Fields:0:ValidateRequest:SkipStatuses:0"] = "404",
        // list_door_events (Service:Queries:0): the product's paged history instead of the stored timeline.
        ["Service:Queries:0:Request:Path"] = "/api/events/history?limit={{ limit }}{% if fields.door != \"\" %}&door={{ fields.door }}{% endif %}{% if cursor != \"\" %}&cursor={{ cursor }}{% endif %}",
        ["Service:Queries:0:Request:Items"] = "/data",
        ["Service:Queries:0:Request:NextCursor"] = "/cursor",
        ["Service:Queries:0:Request:Timestamp"] = "/occurred_at",
        ["Service:Queries:0:Request:Ingredients:opened_at"] = "/occurred_at",
    };

    /// <summary>A user of AdminPortal linked to the product as <paramref name="seededUser"/> (alice or bob), with an IFTTT token.</summary>
    public async Task<(string UserId, string Token, string Subject)> CreateProductUserAsync(string seededUser = "alice")
    {
        var subject = $"usr_{seededUser}~{Guid.NewGuid():N}";
        var (userId, token) = await CreateLinkedUserAsync(subject);
        Tokens.Link(userId, subject);
        return (userId, token, subject);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IProductTokens>();
            services.AddSingleton<IProductTokens>(Tokens);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Product.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
