using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Triage.Core.Tickets;
using Triage.Smtp;

namespace Triage.Hosting.Acknowledgements;

/// <summary>The <c>Triage:Acknowledgements</c> section.</summary>
public sealed class AcknowledgementOptions : IValidatableObject
{
    public const string SectionName = "Triage:Acknowledgements";

    /// <summary>Acknowledge new tickets by mail. Off by default: it needs <c>Triage:Smtp</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder of <c>ack.&lt;language&gt;.txt</c> templates; null: <c>templates</c> next to the executable (the shipped defaults).</summary>
    public string? TemplatesDirectory { get; set; }

    /// <summary>At most this many acknowledgements per recipient in 10 minutes.</summary>
    [Range(0, 10_000)]
    public int MaxPer10Minutes { get; set; } = 10;

    /// <summary>At most this many acknowledgements per recipient in an hour.</summary>
    [Range(0, 100_000)]
    public int MaxPerHour { get; set; } = 30;

    public IReadOnlyList<SendCap> Caps => [new(TimeSpan.FromMinutes(10), MaxPer10Minutes), new(TimeSpan.FromHours(1), MaxPerHour)];

    public string ResolveTemplatesDirectory() =>
        string.IsNullOrWhiteSpace(TemplatesDirectory) ? Path.Combine(AppContext.BaseDirectory, "templates") : TemplatesDirectory;

    /// <summary>With acknowledgements on, the templates must load: a broken one is found at start, not by a customer.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            return [];
        }

        try
        {
            AcknowledgementTemplates.Load(ResolveTemplatesDirectory());
            return [];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return [new ValidationResult(e.Message, [nameof(TemplatesDirectory)])];
        }
    }
}

/// <summary>The <c>Triage:Smtp</c> section: the relay acknowledgements go through.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Triage:Smtp";

    public string? Host { get; set; }

    /// <summary>0: the usual port for <see cref="Security"/> (465 for Tls, 587 for StartTls, 25 for None).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Leave empty for a relay that needs no login.</summary>
    public string? Username { get; set; }

    /// <summary>From the environment (<c>Triage__Smtp__Password</c>), never from a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>Our address, the acknowledgements' From and envelope sender (bounces of them come back to us as notes).</summary>
    public string? From { get; set; }

    /// <summary>The display name with <see cref="From"/>, e.g. "Kundtjänst".</summary>
    public string? FromName { get; set; }

    /// <summary>The EHLO name; default the host part of <see cref="From"/>.</summary>
    public string? LocalDomain { get; set; }

    /// <summary>The name the relay's certificate must carry, when it differs from <see cref="Host"/>.</summary>
    public string? ServerName { get; set; }

    /// <summary>A PEM file of extra CAs trusted for the relay (a private CA); names are still checked.</summary>
    public string? TrustedCaFile { get; set; }

    public int EffectivePort => Port != 0 ? Port : Security switch { SmtpSecurity.Tls => 465, SmtpSecurity.StartTls => 587, _ => 25 };
}

/// <summary>Checks <c>Triage:Smtp</c> when acknowledgements are on, with every problem in one message.</summary>
internal sealed class SmtpOptionsValidator(IOptions<AcknowledgementOptions> acknowledgements) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!acknowledgements.Value.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Triage:Smtp:Host is required when Triage:Acknowledgements:Enabled is true.");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !options.From.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("Triage:Smtp:From must be our address (local@domain) when acknowledgements are enabled.");
        }

        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Password))
        {
            errors.Add("Triage:Smtp:Username is set without a password (environment variable Triage__Smtp__Password).");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add("Triage:Smtp:Port must be 0-65535.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
