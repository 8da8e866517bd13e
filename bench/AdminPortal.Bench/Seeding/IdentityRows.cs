using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// Active trigger identities, stored as the app's IdentityWriter stores a poll: triggerFields JSON and the
/// TriggerMatcher key of the field values. Per user: one per door, then button filters (any, then colours).
/// </summary>
internal static class IdentityRows
{
    public static long Insert(BulkWriter writer, DeclaredService service, IReadOnlyList<BenchUser> users, int perUser)
    {
        var door = service.FindTrigger(DemoService.DoorOpened) ?? throw new InvalidOperationException("The bench needs the demo service's door_opened.");
        var button = service.FindTrigger(DemoService.ButtonPressed) ?? throw new InvalidOperationException("The bench needs the demo service's button_pressed.");
        var specs = DemoService.Doors.Select(d => (Trigger: door, Value: d))
            .Concat(new[] { "" }.Concat(DemoService.Buttons).Concat(Enumerable.Range(0, perUser).Select(i => $"b{i}")).Select(b => (Trigger: button, Value: b)))
            .Take(perUser).ToList();

        var insert = writer.Insert("TriggerIdentities", "UserId", "Id", "Trigger", "Fields", "MatchKey", "FirstSeenAt", "LastPolledAt",
            "PollCount", "RealtimePollCount", "TestMode", "EndedAt");
        writer.Begin();
        var seen = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        long count = 0;
        foreach (var user in users)
        {
            foreach (var (trigger, value) in specs)
            {
                var field = trigger.Fields[0];
                var values = new Dictionary<string, string?> { [field.Slug] = value };
                var key = TriggerMatcher.KeyForFields(trigger.Slug, trigger.Fields, values);
                var fields = EventIngredients.Write([KeyValuePair.Create(field.Slug, value)]);
                var identity = new BenchIdentity(Seeder.IdentityId(user.Id, trigger.Slug, value), trigger.Slug, field.Slug, value);
                insert.Add(user.Id, identity.Id, trigger.Slug, fields, key, seen, seen, 10, 0, 0, null);
                user.Identities.Add(identity);
                count++;
            }
        }
        writer.Commit();
        return count;
    }
}
