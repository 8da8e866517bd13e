using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

/// <summary>A person who can sign in: an end user of the company's product, or an admin.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>The user's id in the company's existing product; the ingest API accepts it in place of ours.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Users made by IFTTT's endpoint tests (test/setup); left out of dashboard statistics.</summary>
    public bool IsTestUser { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
