using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Features.Email;

/// <summary>Reads the .eml outbox for the admin Outbox page.</summary>
public sealed class EmailOutbox(IOptions<EmailOptions> options, IHostEnvironment environment)
{
    public string Folder { get; } = Path.GetFullPath(options.Value.OutboxPath, environment.ContentRootPath);

    public sealed record Entry(string FileName, DateTimeOffset Date, string To, string Subject, string TextBody);

    /// <summary>The newest messages first; <paramref name="take"/> keeps the page light with a large outbox.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(int take = 100, CancellationToken ct = default)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        var files = new DirectoryInfo(Folder).GetFiles("*.eml").OrderByDescending(f => f.Name).Take(take);
        var entries = new List<Entry>();
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file.FullName, ct);
            entries.Add(new Entry(file.Name, message.Date, message.To.ToString(), message.Subject ?? "", message.TextBody ?? ""));
        }
        return entries;
    }
}
