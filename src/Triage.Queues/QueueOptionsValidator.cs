using Microsoft.Extensions.Options;
using Triage.Queues.ServiceBus;

namespace Triage.Queues;

/// <summary>Checks the settings the chosen <see cref="QueueKind"/> needs, naming each bad one by its configuration key.</summary>
internal sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var errors = new List<string>();
        switch (options.Kind)
        {
            case QueueKind.File:
                if (string.IsNullOrWhiteSpace(options.File.Directory))
                {
                    errors.Add("Triage:Queue:File:Directory is empty.");
                }

                break;
            case QueueKind.RabbitMq:
                ValidateRabbitMq(options.RabbitMq, errors);
                break;
            case QueueKind.ServiceBus:
                ValidateServiceBus(options.ServiceBus, errors);
                break;
            default:
                errors.Add($"Triage:Queue:Kind '{options.Kind}' is not File, RabbitMq or ServiceBus.");
                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRabbitMq(RabbitMqQueueOptions options, List<string> errors)
    {
        if (!Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            // The URI may carry a password, so it is not echoed.
            errors.Add("Triage:Queue:RabbitMq:Uri must be an amqp:// or amqps:// URI.");
        }

        if (string.IsNullOrWhiteSpace(options.Exchange) || options.Exchange.Length > 255)
        {
            errors.Add("Triage:Queue:RabbitMq:Exchange must name an exchange (1-255 characters).");
        }

        if (options.ConfirmTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("Triage:Queue:RabbitMq:ConfirmTimeout and ConnectTimeout must be positive.");
        }
    }

    private static void ValidateServiceBus(ServiceBusQueueOptions options, List<string> errors)
    {
        if (ServiceBusEndpoint.TryEntityUri(options.Endpoint, options.EntityPath, out var error) is null)
        {
            errors.Add($"Triage:Queue:ServiceBus: {error}.");
        }

        if (string.IsNullOrEmpty(options.SasKeyName) != string.IsNullOrEmpty(options.SasKey))
        {
            errors.Add("Triage:Queue:ServiceBus: SasKeyName and SasKey go together; set both or neither.");
        }

        if (options.SasTokenLifetime < TimeSpan.FromMinutes(1))
        {
            errors.Add("Triage:Queue:ServiceBus:SasTokenLifetime must be at least a minute.");
        }

        if (options.MaxMessageBytes < 1024 || options.MaxBatchMessages < 1 || options.MaxSendAttempts < 1)
        {
            errors.Add("Triage:Queue:ServiceBus: MaxMessageBytes must be at least 1024, MaxBatchMessages and MaxSendAttempts at least 1.");
        }

        if (options.MaxRetryDelay < TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Triage:Queue:ServiceBus: MaxRetryDelay must not be negative and RequestTimeout must be positive.");
        }
    }
}
