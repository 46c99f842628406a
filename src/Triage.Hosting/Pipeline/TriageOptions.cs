using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Triage.Core.Hygiene;
using Triage.Core.Tickets;

namespace Triage.Hosting.Pipeline;

/// <summary>The <c>Triage</c> section: where data lives and where the models are.</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>The SQLite file (<c>triage.db</c>, raw mail included), the spool and the quarantine live here.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder with topic.model, critical.model and language.model; null: <c>models</c> next to the executable, else the nearest <c>models/</c> above the working directory.</summary>
    public string? ModelsDirectory { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "triage.db");

    public string QuarantineDirectory => Path.Combine(DataDirectory, "quarantine");

    /// <summary>The models folder to load, or null when none is found (classification then reports nothing).</summary>
    public string? ResolveModelsDirectory()
    {
        if (!string.IsNullOrWhiteSpace(ModelsDirectory))
        {
            return ModelsDirectory;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "models");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "topic.model")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>The <c>Triage:Pipeline</c> section: ticket numbering, our identity, and how failing mail is retried.</summary>
public sealed class PipelineOptions : IValidatableObject
{
    public const string SectionName = "Triage:Pipeline";

    /// <summary>Ticket numbers are this prefix and a running number (<c>SUP-100001</c>).</summary>
    [Required]
    public string TicketPrefix { get; set; } = TicketNumbering.DefaultPrefix;

    /// <summary>The domain of our acknowledgements' Message-IDs; replies naming one thread back to its ticket.</summary>
    [Required]
    public string AcknowledgementDomain { get; set; } = AcknowledgementIds.DefaultDomain;

    /// <summary>Our own mailbox addresses (never acknowledged); <c>Triage:Smtp:From</c> is added.</summary>
    public List<string> OwnAddresses { get; set; } = [.. HygieneOptions.Default.OwnAddresses];

    /// <summary>Our own domains; <see cref="AcknowledgementDomain"/> is added.</summary>
    public List<string> OwnDomains { get; set; } = [.. HygieneOptions.Default.OwnDomains];

    /// <summary>Processing attempts before a mail is quarantined (kept, marked processed, copied to the quarantine folder).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before a failed mail is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Stored mails processed per round; parsing and classification of a round run in parallel.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in Check(() => new TicketNumbering(TicketPrefix)).Concat(Check(() => new AcknowledgementIds(AcknowledgementDomain))))
        {
            yield return error;
        }
    }

    /// <summary>The hygiene rules with our identity: ticket references in our prefix, our domains and addresses.</summary>
    public HygieneOptions ToHygieneOptions(string? fromAddress) => HygieneOptions.Default with
    {
        OwnDomains = [.. OwnDomains.Append(AcknowledgementDomain).Distinct(StringComparer.OrdinalIgnoreCase)],
        OwnAddresses = [.. OwnAddresses.Concat(string.IsNullOrWhiteSpace(fromAddress) ? [] : [fromAddress]).Distinct(StringComparer.OrdinalIgnoreCase)],
        TicketReference = new Regex(
            $@"\[#?\s*({Regex.Escape(TicketPrefix)}\d{{4,9}})\s*\]",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100)),
    };

    private static IEnumerable<ValidationResult> Check(Func<object> construct)
    {
        try
        {
            _ = construct();
            return [];
        }
        catch (ArgumentException e)
        {
            return [new ValidationResult(e.Message)];
        }
    }
}
