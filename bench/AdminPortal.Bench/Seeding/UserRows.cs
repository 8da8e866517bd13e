namespace AdminPortal.Bench.Seeding;

/// <summary>End users as Identity stores them (no password: they link through IFTTT, never sign in here).</summary>
internal static class UserRows
{
    public static void Insert(BulkWriter writer, int count, Random random, List<BenchUser> into)
    {
        var insert = writer.Insert("AspNetUsers", "Id", "ExternalId", "IsTestUser", "CreatedAt", "UserName", "NormalizedUserName",
            "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed",
            "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount");
        writer.Begin();
        var created = DateTimeOffset.UtcNow.AddDays(-100).UtcTicks;
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            var id = new Guid(bytes).ToString();
            var email = $"bench-user-{i:D6}@bench.local";
            insert.Add(id, ExternalId(i), 0, created, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), 1,
                Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(), 0, 0, 1, 0);
            into.Add(new BenchUser(id, i));
        }
        writer.Commit();
    }

    /// <summary>The user's id in the product (<c>AppUser.ExternalId</c>, and the subject of a product link).</summary>
    public static string ExternalId(int index) => $"ext-{index:D6}";
}
