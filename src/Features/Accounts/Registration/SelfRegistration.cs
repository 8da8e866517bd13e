using AdminPortal.Data;
using AdminPortal.Features.Email;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts.Registration;

/// <summary>
/// Registration that does not tell a stranger whether an address has an account: every accepted form gets the same
/// "check your email" answer after the same work (one lookup, one password hash, one message). A new address is sent a
/// link that creates the account; a taken one is told someone tried, with a link to sign in (decision 0026).
/// </summary>
public sealed class SelfRegistration(UserManager<AppUser> users, RegistrationLinks links, IEmailSender email,
    RegistrationEmails messages, DatabaseWriteGate gate, TimeProvider clock, ILogger<SelfRegistration> logger)
{
    public abstract record Outcome
    {
        /// <summary>The form's own problems (password rules): nothing about the address.</summary>
        public sealed record Invalid(IReadOnlyList<string> Errors) : Outcome;
        public sealed record Sent : Outcome;
        public sealed record NotSent(string Error) : Outcome;
    }

    public async Task<Outcome> StartAsync(string address, string password, string? returnUrl, Uri siteBase, CancellationToken ct)
    {
        var candidate = new AppUser { UserName = address, Email = address };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
        {
            return new Outcome.Invalid(problems);
        }

        // Hashed whether or not the address is taken, so both answers cost the same.
        var hash = users.PasswordHasher.HashPassword(candidate, password);
        var existing = await users.FindByEmailAsync(address);
        var message = existing is null
            ? messages.Confirm(address, Link(siteBase, links.Protect(new(address, hash, AccountRedirects.IsLocal(returnUrl) ? returnUrl : null))), links.Lifetime)
            : messages.AlreadyRegistered(address, new Uri(siteBase, "Account/Login").AbsoluteUri);
        try
        {
            await email.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The registration email could not be sent: {Error}", ex.Message);
            return new Outcome.NotSent("The email could not be sent. Try again in a few minutes.");
        }
        return new Outcome.Sent();
    }

    public abstract record Completion
    {
        public sealed record Created(AppUser User, string? ReturnUrl) : Completion;
        public sealed record AlreadyExists(string Email) : Completion;
        public sealed record InvalidLink : Completion;
        public sealed record Failed(IReadOnlyList<string> Errors) : Completion;
    }

    /// <summary>What the link would do, without doing it (the page a link opens shows this before its button).</summary>
    public RegistrationLinks.Pending? Read(string? token) => links.Unprotect(token);

    public async Task<Completion> CompleteAsync(string? token, CancellationToken ct)
    {
        if (links.Unprotect(token) is not { } pending)
        {
            return new Completion.InvalidLink();
        }
        using var turn = await gate.EnterAsync(ct);
        if (await users.FindByEmailAsync(pending.Email) is not null)
        {
            // The link was used already, or the address got an account another way meanwhile.
            return new Completion.AlreadyExists(pending.Email);
        }
        var user = new AppUser
        {
            UserName = pending.Email, Email = pending.Email, EmailConfirmed = true,
            PasswordHash = pending.PasswordHash, CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? new Completion.AlreadyExists(pending.Email)
                : new Completion.Failed(created.Errors.Select(e => e.Description).ToList());
        }
        return new Completion.Created(user, pending.ReturnUrl);
    }

    private static string Link(Uri siteBase, string token) =>
        new Uri(siteBase, "Account/ConfirmRegistration?token=" + Uri.EscapeDataString(token)).AbsoluteUri;
}
