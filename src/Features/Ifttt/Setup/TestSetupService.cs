using AdminPortal.Features.Accounts;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.OAuth;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Ifttt.Setup;

/// <summary>
/// Prepares IFTTT's endpoint tests, idempotently: a dedicated test user, at least three events per
/// trigger matching the sample field values (fixed source ids, so repeats store nothing new), and a
/// real access token minted through OpenIddict (no refresh token; only the newest few of the user's tokens kept).
/// </summary>
public sealed class TestSetupService(
    DeclaredService service, UserManager<AppUser> users, EventStore events, IAccessTokenIssuer tokens, TimeProvider clock)
{
    public const string TestUserName = "ifttt-endpoint-tests";
    public const int EventsPerTrigger = 3;

    public async Task<TestSetupData> PrepareAsync(HttpRequest request, CancellationToken ct)
    {
        var user = await EnsureTestUserAsync();
        await SeedAsync(user.Id, ct);
        var accessToken = await tokens.IssueTestAccessTokenAsync(user.Id, request, ct);
        return new TestSetupData(accessToken, SampleValues.Build(service));
    }

    private async Task<AppUser> EnsureTestUserAsync()
    {
        if (await users.FindByNameAsync(TestUserName) is { } existing)
        {
            return existing;
        }
        var user = new AppUser
        {
            UserName = TestUserName,
            Email = $"{TestUserName}@{service.Slug.Replace('_', '-')}.invalid",
            EmailConfirmed = true,
            IsTestUser = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        // A concurrent test/setup may have created it first: take that one.
        return created.Succeeded ? user : await users.FindByNameAsync(TestUserName)
            ?? throw new InvalidOperationException("Could not create the IFTTT test user: " + string.Join(" ", created.Errors.Select(e => e.Description)));
    }

    private async Task SeedAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var batch = new List<(string, EventToAppend)>();
        foreach (var trigger in service.Triggers)
        {
            var attributes = SampleValues.Attributes(trigger, service);
            for (var i = 0; i < EventsPerTrigger; i++)
            {
                var occurred = now.AddMinutes(-(EventsPerTrigger - i));
                var ingredients = trigger.Ingredients.Select(g => KeyValuePair.Create(g.Slug, Ingredient(g, trigger, attributes, occurred, i)));
                batch.Add((userId, new EventToAppend(trigger.Slug, attributes, EventIngredients.Write(ingredients),
                    $"ifttt-test-setup:{trigger.Slug}:{i}", occurred)));
            }
        }
        await events.AppendAsync(batch, ct);
    }

    private static string Ingredient(IngredientDefinition ingredient, TriggerDefinition trigger, Dictionary<string, string> attributes, DateTimeOffset occurred, int i) =>
        ingredient.Type switch
        {
            IngredientType.DateTime => EventIngredients.FormatDate(occurred),
            IngredientType.Url => $"https://example.com/{trigger.Slug}/{i + 1}",
            _ => attributes.TryGetValue(ingredient.Slug, out var attribute) ? attribute : $"Sample {ingredient.Slug} {i + 1}",
        };
}
