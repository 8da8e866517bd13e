using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;

namespace AdminPortal.UnitTests.Features.Ifttt;

public sealed class TriggerMatcherTests
{
    private static FieldDefinition Field(string slug, bool required, string? matches = null) =>
        new(slug, slug, required, FieldKind.Text, [], null, matches ?? slug, null, null, false, null, null);

    private static DeclaredService Service(params FieldDefinition[] fields) => new("S", "s",
        [new TriggerDefinition("t", "T", [.. fields.Select(f => f.Matches)], fields, [])], [], []);

    private static long[] EventKeys(DeclaredService service, Dictionary<string, string> attributes) =>
        TriggerMatcher.EventKeys("t", TriggerMatcher.FilterShapes("t", service), attributes);

    private static long PollKey(DeclaredService service, Dictionary<string, string?> values) =>
        TriggerMatcher.KeyForFields("t", service.Triggers[0].Fields, values);

    [Fact]
    public void NoFields_EveryEventMatchesTheEmptyFilter()
    {
        var service = Service();
        Assert.Contains(PollKey(service, []), EventKeys(service, new() { ["x"] = "1" }));
    }

    [Theory]
    [InlineData("front", "front", true)]
    [InlineData("front", "back", false)]
    public void RequiredField_MatchesOnlyEqualValue(string eventValue, string fieldValue, bool matches)
    {
        var service = Service(Field("door", required: true));
        var keys = EventKeys(service, new() { ["door"] = eventValue });
        Assert.Equal(matches, keys.Contains(PollKey(service, new() { ["door"] = fieldValue })));
    }

    [Fact]
    public void TwoFieldsOneOptional_EmptyOptionalMatchesAnyValueFilledOneMustEqual()
    {
        var service = Service(Field("door", required: true), Field("room", required: false));
        var keys = EventKeys(service, new() { ["door"] = "front", ["room"] = "hall" });

        Assert.Contains(PollKey(service, new() { ["door"] = "front", ["room"] = "" }), keys);
        Assert.Contains(PollKey(service, new() { ["door"] = "front" }), keys);
        Assert.Contains(PollKey(service, new() { ["door"] = "front", ["room"] = "hall" }), keys);
        Assert.DoesNotContain(PollKey(service, new() { ["door"] = "front", ["room"] = "attic" }), keys);
        Assert.Equal(3, keys.Length); // door; door+room; and the whole timeline
    }

    [Fact]
    public void RequiredFieldsOnly_EveryEventStillCarriesTheWholeTimelineKey()
    {
        var service = Service(Field("door", required: true));
        var shapes = new MatchShapes(service);

        var keys = shapes.EventKeys("t", new Dictionary<string, string> { ["door"] = "front" });

        Assert.Contains(shapes.WholeTimelineKey("t"), keys);
        Assert.Equal(TriggerMatcher.KeyFor("t", []), shapes.WholeTimelineKey("t"));
        Assert.Equal(2, keys.Length);
    }

    [Fact]
    public void Fingerprint_ChangesWhenTheFieldsChange()
    {
        var before = new MatchShapes(Service(Field("door", required: true))).Fingerprint;
        var same = new MatchShapes(Service(Field("door", required: true))).Fingerprint;
        var after = new MatchShapes(Service(Field("door", required: true), Field("room", required: false))).Fingerprint;

        Assert.Equal(before, same);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void EventWithoutTheAttribute_MatchesOnlyWhenTheOptionalFieldIsEmpty()
    {
        var service = Service(Field("room", required: false));
        var keys = EventKeys(service, []);
        Assert.Equal([PollKey(service, new() { ["room"] = "" })], keys);
    }

    [Fact]
    public void Key_DependsOnTriggerAndPairsNotOnOrder()
    {
        var a = TriggerMatcher.KeyFor("t", [new("a", "1"), new("b", "2")]);
        var b = TriggerMatcher.KeyFor("t", [new("b", "2"), new("a", "1")]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, TriggerMatcher.KeyFor("u", [new("a", "1"), new("b", "2")]));
        // Stored in the database: a change here would orphan every stored key.
        Assert.Equal(TriggerMatcher.KeyFor("door_opened", [new("door", "front")]), TriggerMatcher.KeyFor("door_opened", [new("door", "front")]));
    }
}
