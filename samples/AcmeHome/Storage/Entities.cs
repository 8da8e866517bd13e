namespace AcmeHome.Storage;

public sealed class User
{
    public required string Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
}

public sealed class Room
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public bool Offline { get; set; }
}

public sealed class Door
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string RoomId { get; set; }
}

public sealed class Light
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string RoomId { get; set; }
    public required string Name { get; set; }
    public bool On { get; set; }
    public int Brightness { get; set; }
    public string? Color { get; set; }
}

public sealed class Command
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Type { get; set; }
    public required string RoomId { get; set; }
    public int Brightness { get; set; }
    public string? Color { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? IdempotencyKey { get; set; }
}

public sealed class Note
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A thing that happened in the home. <see cref="Seq"/> gives the public id, so ids only ever increase.</summary>
public sealed class HomeEvent
{
    public long Seq { get; set; }
    public required string UserId { get; set; }
    public required string Type { get; set; }
    public required string DoorId { get; set; }
    public required string RoomId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    public string Id => FormatId(Seq);

    public static string FormatId(long seq) => $"evt_{seq:D6}";

    public static bool TryParseId(string? id, out long seq)
    {
        seq = 0;
        return id is not null && id.StartsWith("evt_", StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(4), System.Globalization.NumberStyles.None, null, out seq);
    }
}
