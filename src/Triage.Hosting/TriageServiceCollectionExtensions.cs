using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Core.Hygiene;
using Triage.Core.Ports;
using Triage.Core.Tickets;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Classification;
using Triage.Hosting.Imap;
using Triage.Hosting.Outbox;
using Triage.Hosting.Pipeline;
using Triage.Hosting.Policies;
using Triage.Queues;
using Triage.Smtp.Messages;
using Triage.Storage;

namespace Triage.Hosting;

public static class TriageServiceCollectionExtensions
{
    /// <summary>The key of the <see cref="WorkSignal"/> the pipeline notifies when it queued outbox rows.</summary>
    public const string OutboxSignal = "outbox";

    /// <summary>
    /// Registers the whole service: the store under <c>Triage:DataDirectory</c>, the pipeline (as the pollers'
    /// <see cref="IRawMailSink"/>, with checkpoints in the store), the outbox dispatcher to the queue
    /// <c>Triage:Queue</c> chooses, the acknowledgement sender (<c>Triage:Acknowledgements</c>, <c>Triage:Smtp</c>),
    /// one IMAP poller per configured mailbox (<c>Triage:Imap</c>; oversized mail saved under
    /// <c>{Triage:DataDirectory}/oversized</c>), and their hosted services. Options are validated
    /// when the host starts; resolving a component outside a host validates the options it needs.
    /// </summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddOptions<TriageOptions>(services, configuration, TriageOptions.SectionName);
        AddOptions<PipelineOptions>(services, configuration, PipelineOptions.SectionName);
        AddOptions<OutboxOptions>(services, configuration, OutboxOptions.SectionName);
        AddOptions<AcknowledgementOptions>(services, configuration, AcknowledgementOptions.SectionName);
        AddOptions<SmtpOptions>(services, configuration, SmtpOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.AddTriageQueue(configuration);

        services.AddSingleton<PipelineStats>();
        services.AddKeyedSingleton<WorkSignal>(OutboxSignal);
        services.AddSingleton(provider =>
        {
            var pipeline = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new TriageStore(
                new StoreOptions
                {
                    Path = provider.GetRequiredService<IOptions<TriageOptions>>().Value.DatabasePath,
                    Numbering = new TicketNumbering(pipeline.TicketPrefix),
                    AcknowledgementIds = new AcknowledgementIds(pipeline.AcknowledgementDomain),
                },
                provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PipelineOptions>>().Value
            .ToHygieneOptions(provider.GetRequiredService<IOptions<SmtpOptions>>().Value.From));
        services.AddSingleton(provider => new MailHygiene(provider.GetRequiredService<HygieneOptions>()));
        services.AddSingleton(provider =>
            provider.GetRequiredService<IOptions<TriageOptions>>().Value.ResolveModelsDirectory() is { } models
                ? MailClassifier.Load(models)
                : new MailClassifier(null, null, null));
        services.AddSingleton<MailPreparer>();
        services.AddSingleton(provider => new TicketThreader(
            new AcknowledgementIds(provider.GetRequiredService<IOptions<PipelineOptions>>().Value.AcknowledgementDomain),
            provider.GetRequiredService<HygieneOptions>()));
        services.TryAddSingleton(provider => SupportPolicies.Load(configuration, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(CreatePlanner);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<IngestPipeline>(provider, provider.GetRequiredKeyedService<WorkSignal>(OutboxSignal)));
        services.AddSingleton<IRawMailSink>(provider => provider.GetRequiredService<IngestPipeline>());
        services.AddSingleton<IMailboxCheckpointStore, StoreCheckpoints>();

        services.AddSingleton(provider => new OutboxRetry(
            provider.GetRequiredService<IOptions<OutboxOptions>>().Value, provider.GetRequiredService<TimeProvider>(), Random.Shared));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<OutboxDispatcher>(provider, provider.GetRequiredKeyedService<WorkSignal>(OutboxSignal)));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<AcknowledgementSender>(provider, provider.GetRequiredKeyedService<WorkSignal>(OutboxSignal)));
        services.AddSingleton<PipelineWorker>();

        // Consumers start before producers, so nothing the pollers hand over waits for a worker to come up.
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<AcknowledgementSender>());
        services.AddHostedService(provider => provider.GetRequiredService<PipelineWorker>());
        services.AddTriageImap(configuration);
        services.AddSingleton<IPostConfigureOptions<ImapMailboxOptions>>(provider => new PostConfigureOptions<ImapMailboxOptions, IOptions<TriageOptions>>(
            name: null, // every mailbox
            provider.GetRequiredService<IOptions<TriageOptions>>(),
            (imap, triage) => imap.OversizedDirectory ??= Path.Combine(triage.Value.DataDirectory, "oversized")));
        return services;
    }

    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new AnnotatedOptionsValidator<T>(section)));
    }

    private static IAcknowledgementPlanner CreatePlanner(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<AcknowledgementOptions>>().Value;
        if (!options.Enabled)
        {
            return new NoAcknowledgements();
        }

        var smtp = provider.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var time = provider.GetRequiredService<TimeProvider>();
        var domain = provider.GetRequiredService<IOptions<PipelineOptions>>().Value.AcknowledgementDomain;
        return new AcknowledgementPlanner(
            AcknowledgementTemplates.Load(options.ResolveTemplatesDirectory()),
            new MessageComposer(new MessageIdGenerator(domain, time), time),
            new Mailbox(smtp.From!, smtp.FromName),
            provider.GetRequiredService<HygieneOptions>(),
            options.Caps);
    }
}

/// <summary>Data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, every problem named by its key.</summary>
internal sealed class AnnotatedOptionsValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{section}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
    }
}
