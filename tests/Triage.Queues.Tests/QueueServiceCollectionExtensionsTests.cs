using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Triage.Core.Ports;
using Triage.Queues.ServiceBus;

namespace Triage.Queues.Tests;

public sealed class QueueServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTriageQueue_NothingConfigured_SpoolsUnderTheDataDirectory()
    {
        using var services = Build(new() { ["Triage:DataDirectory"] = "/var/lib/triage" });

        var publisher = Assert.IsType<FileSpoolPublisher>(services.GetRequiredService<IEventPublisher>());

        Assert.Equal("/var/lib/triage/spool", publisher.Directory);
    }

    [Fact]
    public void AddTriageQueue_FileDirectoryConfigured_UsesIt()
    {
        using var services = Build(new() { ["Triage:Queue:Kind"] = "File", ["Triage:Queue:File:Directory"] = "/srv/spool" });

        Assert.Equal("/srv/spool", Assert.IsType<FileSpoolPublisher>(services.GetRequiredService<IEventPublisher>()).Directory);
    }

    [Fact]
    public async Task AddTriageQueue_RabbitMq_RegistersTheRabbitMqPublisherWithoutConnecting()
    {
        await using var services = Build(new()
        {
            ["Triage:Queue:Kind"] = "RabbitMq",
            ["Triage:Queue:RabbitMq:Uri"] = "amqp://triage:secret@127.0.0.1:1/",
            ["Triage:Queue:RabbitMq:Exchange"] = "tickets",
        });

        Assert.IsType<RabbitMqPublisher>(services.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public void AddTriageQueue_ServiceBusWithSas_RegistersTheServiceBusPublisher()
    {
        using var services = Build(new()
        {
            ["Triage:Queue:Kind"] = "ServiceBus",
            ["Triage:Queue:ServiceBus:Endpoint"] = "contoso.servicebus.windows.net",
            ["Triage:Queue:ServiceBus:EntityPath"] = "tickets",
            ["Triage:Queue:ServiceBus:SasKeyName"] = "send",
            ["Triage:Queue:ServiceBus:SasKey"] = "key",
        });

        Assert.IsType<ServiceBusPublisher>(services.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public void AddTriageQueue_ServiceBusWithARegisteredTokenProvider_NeedsNoKey()
    {
        var configuration = Configuration(new()
        {
            ["Triage:Queue:Kind"] = "ServiceBus",
            ["Triage:Queue:ServiceBus:Endpoint"] = "sb://contoso.servicebus.windows.net/",
            ["Triage:Queue:ServiceBus:EntityPath"] = "tickets",
        });
        var collection = new ServiceCollection().AddTriageQueue(configuration);
        collection.AddSingleton<IServiceBusTokenProvider>(new FileTokenProvider("/run/secrets/token"));
        using var services = collection.BuildServiceProvider();

        Assert.IsType<ServiceBusPublisher>(services.GetRequiredService<IEventPublisher>());
    }

    [Theory]
    [InlineData("ServiceBus", "Triage:Queue:ServiceBus:EntityPath", "tickets", "Endpoint is required")]
    [InlineData("ServiceBus", "Triage:Queue:ServiceBus:Endpoint", "http://contoso.servicebus.windows.net", "must use https")]
    [InlineData("ServiceBus", "Triage:Queue:ServiceBus:SasKeyName", "send", "SasKeyName and SasKey go together")]
    [InlineData("RabbitMq", "Triage:Queue:RabbitMq:Uri", "http://guest:secret@localhost", "amqp:// or amqps://")]
    [InlineData("RabbitMq", "Triage:Queue:RabbitMq:Exchange", "", "Exchange must name an exchange")]
    public void AddTriageQueue_BadSetting_FailsValidationNamingIt(string kind, string key, string value, string expected)
    {
        using var services = Build(new()
        {
            ["Triage:Queue:Kind"] = kind,
            ["Triage:Queue:ServiceBus:EntityPath"] = "tickets",
            ["Triage:Queue:ServiceBus:Endpoint"] = kind == "ServiceBus" && key != "Triage:Queue:ServiceBus:Endpoint" ? null : "contoso.servicebus.windows.net",
            [key] = value,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTriageQueue_UnknownKind_FailsNamingTheKey()
    {
        using var services = Build(new() { ["Triage:Queue:Kind"] = "Kafka" });

        var ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IEventPublisher>());

        Assert.Contains("Triage:Queue:Kind", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTriageQueue_InvalidSettingsInAHost_StopTheHostFromStarting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Triage:Queue:Kind"] = "ServiceBus" });
        builder.Services.AddTriageQueue(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Triage:Queue:ServiceBus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTriageQueue_EnvironmentStyleKeys_BindLikeAppSettings()
    {
        Environment.SetEnvironmentVariable("TRIAGE_QTEST_Triage__Queue__File__Directory", "/from/env");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("TRIAGE_QTEST_").Build();
            using var services = new ServiceCollection().AddTriageQueue(configuration).BuildServiceProvider();

            Assert.Equal("/from/env", Assert.IsType<FileSpoolPublisher>(services.GetRequiredService<IEventPublisher>()).Directory);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TRIAGE_QTEST_Triage__Queue__File__Directory", null);
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(Dictionary<string, string?> values) =>
        new ServiceCollection().AddTriageQueue(Configuration(values)).BuildServiceProvider();
}
