using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// What the attribute checks cannot see: a rule name that is not one of ours (it would otherwise be ignored without a
/// word, and the rule keep its defaults), recipients that are not addresses, and a webhook without a usable secret.
/// </summary>
internal sealed class AlertOptionsValidator(IConfiguration configuration) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        foreach (var rule in configuration.GetSection($"{AlertOptions.Section}:Rules").GetChildren())
        {
            if (!AlertRuleNames.All.Contains(rule.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{rule.Path}: there is no alert rule '{rule.Key}'; the rules are {string.Join(", ", AlertRuleNames.All)}.");
            }
        }
        var email = new EmailAddressAttribute();
        for (var i = 0; i < options.Email.To.Count; i++)
        {
            if (!email.IsValid(options.Email.To[i]) || string.IsNullOrWhiteSpace(options.Email.To[i]))
            {
                failures.Add($"{AlertOptions.Section}:Email:To:{i}: must be an email address.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Webhook.Url))
        {
            if (string.IsNullOrWhiteSpace(options.Webhook.Secret))
            {
                failures.Add($"{AlertOptions.Section}:Webhook:Secret: is required with {AlertOptions.Section}:Webhook:Url (a Standard Webhooks secret, whsec_…).");
            }
            else if (!IsSecret(options.Webhook.Secret))
            {
                failures.Add($"{AlertOptions.Section}:Webhook:Secret: must be a Standard Webhooks secret: whsec_ followed by base64.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSecret(string secret)
    {
        try
        {
            _ = new StandardWebhook(secret);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
