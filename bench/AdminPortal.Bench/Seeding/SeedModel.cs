using AdminPortal.Bench.Database;

namespace AdminPortal.Bench.Seeding;

/// <summary>A trigger identity the seed stored for a user: what IFTTT would poll with.</summary>
public sealed record BenchIdentity(string Id, string Trigger, string Field, string Value);

/// <summary>A seeded end user: permanent id, a real access token, the identities IFTTT polls for them.</summary>
public sealed class BenchUser(string id, int index)
{
    public string Id { get; } = id;
    public int Index { get; } = index;
    public string Token { get; set; } = "";
    /// <summary>The refresh token minted with <see cref="Token"/>: the head of the user's refresh chain.</summary>
    public string RefreshToken { get; set; } = "";
    public List<BenchIdentity> Identities { get; } = [];
    public IEnumerable<BenchIdentity> DoorIdentities => Identities.Where(i => i.Trigger == DemoService.DoorOpened);
}

/// <summary>What a seeded database holds, as the load generator needs it.</summary>
public sealed record SeededDatabase(BenchDatabase Database, IReadOnlyList<BenchUser> Users, long Events, long MatchKeys, long Identities, SeedTimings Timings);

public sealed record SeedTimings(TimeSpan Host, TimeSpan Users, TimeSpan Tokens, TimeSpan Identities, TimeSpan Events, TimeSpan Total);

/// <summary>The embedded demo service the bench drives (door_opened, button_pressed, add_log_entry).</summary>
public static class DemoService
{
    public const string DoorOpened = "door_opened";
    public const string ButtonPressed = "button_pressed";
    public const string AddLogEntry = "add_log_entry";

    public static readonly string[] Doors = ["front", "back", "garage", "side"];
    /// <summary>How often each door opens in a seeded timeline (front most).</summary>
    public static readonly int[] DoorWeights = [50, 20, 15, 15];
    public static readonly string[] Rooms = ["hall", "kitchen", "garage", "porch"];
    public static readonly string[] Buttons = ["blue", "red", "green", "yellow", "white"];
}
