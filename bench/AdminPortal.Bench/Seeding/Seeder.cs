using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Bench.Database;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// Builds a fresh bench database: the app's migrations and start-up tasks (via <see cref="SeedHost"/>), users by
/// bulk insert, a real access token per user (minted by the app's own issuer), trigger identities and timelines
/// written exactly as the app writes them (TriggerMatcher keys, canonical ingredient JSON, ULID ids).
/// </summary>
public static class Seeder
{
    public static async Task<SeededDatabase> SeedAsync(BenchDatabase database, string repoRoot, int users, int identitiesPerUser, int eventsPerUser,
        Uri issuer, bool encryptedTokens, Action<string> log, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        await using var host = new SeedHost(database, issuer, repoRoot, encryptedTokens);
        var services = host.Services; // starts the app in-process: migrations, IFTTT client, secrets
        var service = services.GetRequiredService<DeclaredService>();
        var shapes = services.GetRequiredService<MatchShapes>();
        var hostTime = step.Elapsed;

        var random = new Random(20261126);
        var benchUsers = new List<BenchUser>(users);
        using (var writer = database.OpenBulkWriter())
        {
            step.Restart();
            UserRows.Insert(writer, users, random, benchUsers);
            var usersTime = step.Elapsed;
            log($"  users: {users:N0} in {usersTime.TotalSeconds:0.0} s");

            step.Restart();
            await TokenMinter.MintAsync(services, benchUsers, issuer, ct);
            var tokensTime = step.Elapsed;
            log($"  tokens: {users:N0} in {tokensTime.TotalSeconds:0.0} s");

            step.Restart();
            var identities = IdentityRows.Insert(writer, service, benchUsers, identitiesPerUser);
            var identitiesTime = step.Elapsed;
            log($"  identities: {identities:N0} in {identitiesTime.TotalSeconds:0.0} s");

            step.Restart();
            var (events, keys) = EventRows.Insert(writer, service, shapes, benchUsers, eventsPerUser, random, ct);
            var eventsTime = step.Elapsed;
            log($"  events: {events:N0} ({keys:N0} match keys) in {eventsTime.TotalSeconds:0.0} s");

            return new SeededDatabase(database, benchUsers, events, keys, identities,
                new SeedTimings(hostTime, usersTime, tokensTime, identitiesTime, eventsTime, total.Elapsed));
        }
    }

    /// <summary>IFTTT's identities look like 40 hex digits; deterministic here so reruns poll the same ones.</summary>
    internal static string IdentityId(string userId, string trigger, string value) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{userId}\0{trigger}\0{value}")));
}
