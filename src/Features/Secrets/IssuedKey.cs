namespace AdminPortal.Features.Secrets;

/// <summary>What a key pasted from IFTTT's platform must look like before it is stored.</summary>
public static class IssuedKey
{
    public const int MinLength = 16;
    public const int MaxLength = 200;

    /// <summary>The reason the pasted text cannot be the key, or null (the caller stores it trimmed).</summary>
    public static string? Problem(string? pasted)
    {
        var key = pasted?.Trim() ?? "";
        if (key.Length == 0)
        {
            return "Paste the service key shown in IFTTT's platform.";
        }
        if (key.Length is < MinLength or > MaxLength)
        {
            return $"That is {key.Length} characters; IFTTT's service key is a long random string ({MinLength}–{MaxLength}). Copy it again from IFTTT's platform.";
        }
        // IFTTT sends it in a header: only visible ASCII survives the trip unchanged.
        if (key.Any(c => c is < '!' or > '~'))
        {
            return "The key contains a space or a character IFTTT's keys do not have. Copy it again from IFTTT's platform.";
        }
        return null;
    }
}
