using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Core.Ports;
using Triage.Queues.ServiceBus;

namespace Triage.Queues;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IEventPublisher"/> that <c>Triage:Queue:Kind</c> chooses (File, RabbitMq, ServiceBus),
    /// with its options bound from <c>Triage:Queue</c> and validated when the host starts. The spool folder defaults
    /// to <c>{Triage:DataDirectory}/spool</c> (data directory default <c>./data</c>).
    /// </summary>
    public static IServiceCollection AddTriageQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<QueueOptions>()
            .Bind(configuration.GetSection(QueueOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.File.Directory))
                {
                    options.File.Directory = Path.Combine(configuration["Triage:DataDirectory"] ?? "data", "spool");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The publisher is a singleton holding its client for good, so connections are recycled instead of handlers.
        services.AddHttpClient(nameof(ServiceBusPublisher))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IEventPublisher>(Create);
        return services;
    }

    private static IEventPublisher Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<QueueOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return options.Kind switch
        {
            QueueKind.RabbitMq => new RabbitMqPublisher(options.RabbitMq, loggers.CreateLogger<RabbitMqPublisher>()),
            QueueKind.ServiceBus => new ServiceBusPublisher(
                services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ServiceBusPublisher)),
                options.ServiceBus,
                services.GetService<IServiceBusTokenProvider>(),
                services.GetRequiredService<TimeProvider>(),
                loggers.CreateLogger<ServiceBusPublisher>()),
            _ => new FileSpoolPublisher(options.File.Directory!, loggers.CreateLogger<FileSpoolPublisher>()),
        };
    }
}
