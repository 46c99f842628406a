using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Triage.Hosting.Imap;

public static class ImapServiceCollectionExtensions
{
    /// <summary>The configuration section of the pollers.</summary>
    public const string SectionName = "Triage:Imap";

    /// <summary>
    /// Registers one <see cref="ImapMailboxPoller"/> per configured mailbox: <c>Triage:Imap</c> itself when it sets
    /// Host, and each entry of <c>Triage:Imap:Mailboxes</c>. Options are validated when the host starts. The host
    /// must register an <c>IRawMailSink</c> and an <c>IMailboxCheckpointStore</c>.
    /// </summary>
    public static IServiceCollection AddTriageImap(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImapPollerHealth>();
        services.TryAddSingleton<IImapPollerHealth>(provider => provider.GetRequiredService<ImapPollerHealth>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImapMailboxOptions>, ImapMailboxOptionsValidator>());

        var section = configuration.GetSection(SectionName);
        var mailboxes = new List<(string Key, IConfigurationSection Section)>();
        if (!string.IsNullOrEmpty(section["Host"]))
        {
            mailboxes.Add((SectionName, section));
        }

        mailboxes.AddRange(section.GetSection("Mailboxes").GetChildren().Select(child => (child.Path, child)));
        foreach (var (key, mailboxSection) in mailboxes)
        {
            services.AddOptions<ImapMailboxOptions>(key).Bind(mailboxSection).ValidateOnStart();
            services.AddSingleton<IHostedService>(provider =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<ImapMailboxOptions>>().Get(key);
                var time = provider.GetRequiredService<TimeProvider>();
                var tokens = options.OAuth?.TokenEndpoint is null ? null : new OAuthTokenEndpointProvider(options.OAuth, time);
                return new ImapMailboxPoller(
                    options,
                    provider.GetRequiredService<Core.Ports.IRawMailSink>(),
                    provider.GetRequiredService<Core.Ports.IMailboxCheckpointStore>(),
                    provider.GetRequiredService<ImapPollerHealth>(),
                    provider.GetRequiredService<ILogger<ImapMailboxPoller>>(),
                    time,
                    tokens);
            });
        }

        return services;
    }
}

/// <summary>Data annotations plus the cross-field rules of <see cref="ImapMailboxOptions"/>, with every problem in one message.</summary>
internal sealed class ImapMailboxOptionsValidator : IValidateOptions<ImapMailboxOptions>
{
    public ValidateOptionsResult Validate(string? name, ImapMailboxOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (options.OAuth is not null)
        {
            Validator.TryValidateObject(options.OAuth, new ValidationContext(options.OAuth), results, validateAllProperties: true);
        }

        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(result => $"{name}: {result.ErrorMessage}"));
    }
}
