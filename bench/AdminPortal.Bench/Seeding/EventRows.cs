using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// Timelines written as EventStore writes them: a ULID id, the attributes and the canonical ingredient JSON,
/// and one EventMatchKeys row per filter shape the event satisfies (MatchShapes, the app's own key function).
/// 70% door events (front most), 30% button presses, over the last 90 days.
/// </summary>
internal static class EventRows
{
    private const int RowsPerTransaction = 100_000;

    public static (long Events, long Keys) Insert(BulkWriter writer, DeclaredService service, MatchShapes shapes,
        IReadOnlyList<BenchUser> users, int perUser, Random random, CancellationToken ct)
    {
        _ = service.FindTrigger(DemoService.DoorOpened) ?? throw new InvalidOperationException("door_opened is not declared.");
        var insertEvent = writer.Insert("TimelineEvents", "Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients");
        var insertKey = writer.Insert("EventMatchKeys", "UserId", "MatchKey", "OccurredAt", "EventId");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const long span = 90L * 24 * 3600 * 1000;
        long events = 0, keys = 0;
        writer.Begin();
        foreach (var user in users)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < perUser; i++)
            {
                var occurred = now - random.NextInt64(span);
                var received = occurred + random.Next(50, 2000);
                var (trigger, attributes, ingredients) = random.Next(100) < 70 ? DoorEvent(random, occurred) : ButtonEvent(random, occurred);
                var id = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(received));
                insertEvent.Add(id, user.Id, trigger, occurred, received, null, EventIngredients.Write(attributes), ingredients);
                foreach (var key in shapes.EventKeys(trigger, attributes))
                {
                    insertKey.Add(user.Id, key, occurred, id);
                    keys++;
                }
                if (++events % RowsPerTransaction == 0)
                {
                    writer.Commit();
                    writer.Begin();
                }
            }
        }
        writer.Commit();
        return (events, keys);
    }

    public static (string Trigger, Dictionary<string, string> Attributes, string Ingredients) DoorEvent(Random random, long occurredMs)
    {
        var door = PickDoor(random);
        var room = DemoService.Rooms[random.Next(DemoService.Rooms.Length)];
        var at = EventIngredients.FormatDate(DateTimeOffset.FromUnixTimeMilliseconds(occurredMs));
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["door"] = door, ["room"] = room };
        return (DemoService.DoorOpened, attributes, EventIngredients.Write([
            new("door", door), new("room", room), new("opened_at", at),
            new("snapshot_url", $"https://cams.example.com/{door}/{occurredMs}.jpg")]));
    }

    private static (string, Dictionary<string, string>, string) ButtonEvent(Random random, long occurredMs)
    {
        var button = DemoService.Buttons[random.Next(DemoService.Buttons.Length)];
        var at = EventIngredients.FormatDate(DateTimeOffset.FromUnixTimeMilliseconds(occurredMs));
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["button"] = button };
        return (DemoService.ButtonPressed, attributes, EventIngredients.Write([new("button", button), new("pressed_at", at)]));
    }

    public static string PickDoor(Random random)
    {
        var roll = random.Next(DemoService.DoorWeights.Sum());
        for (var i = 0; i < DemoService.Doors.Length; i++)
        {
            roll -= DemoService.DoorWeights[i];
            if (roll < 0)
            {
                return DemoService.Doors[i];
            }
        }
        return DemoService.Doors[0];
    }
}
