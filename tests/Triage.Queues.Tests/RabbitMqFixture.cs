using Triage.TestServers;

namespace Triage.Queues.Tests;

/// <summary>One throw-away broker for every RabbitMQ test: starting one costs seconds.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    public RabbitMqServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RabbitMqServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RabbitMqBroker : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMQ";
}
