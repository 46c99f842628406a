using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Triage.Core.Ports;
using Triage.Hosting.Imap;

namespace Triage.Imap.Tests.Poller;

public sealed class AddTriageImapTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IRawMailSink, RecordingSink>();
        services.AddSingleton<IMailboxCheckpointStore, MemoryCheckpointStore>();
        services.AddTriageImap(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddTriageImap_TopLevelAndListedMailboxes_OnePollerEach()
    {
        using var provider = Build(new()
        {
            ["Triage:Imap:Host"] = "imap.example.com",
            ["Triage:Imap:Username"] = "support@example.com",
            ["Triage:Imap:Password"] = "from-environment",
            ["Triage:Imap:Mailboxes:0:Host"] = "outlook.office365.com",
            ["Triage:Imap:Mailboxes:0:Username"] = "sales@contoso.com",
            ["Triage:Imap:Mailboxes:0:OAuth:TokenEndpoint"] = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token",
            ["Triage:Imap:Mailboxes:0:OAuth:ClientId"] = "app",
            ["Triage:Imap:Mailboxes:0:PollInterval"] = "00:00:30",
        });

        var pollers = provider.GetServices<IHostedService>().OfType<ImapMailboxPoller>().Select(poller => poller.Name).ToList();

        Assert.Equal(["support@example.com@imap.example.com/INBOX", "sales@contoso.com@outlook.office365.com/INBOX"], pollers);
        var listed = provider.GetRequiredService<IOptionsMonitor<ImapMailboxOptions>>().Get("Triage:Imap:Mailboxes:0");
        Assert.Equal((TimeSpan.FromSeconds(30), 993), (listed.PollInterval, listed.EffectivePort));
    }

    [Fact]
    public void AddTriageImap_NoPasswordNoOAuth_FailsValidationNamingTheEnvironmentVariable()
    {
        using var provider = Build(new()
        {
            ["Triage:Imap:Host"] = "imap.example.com",
            ["Triage:Imap:Username"] = "support@example.com",
            ["Triage:Imap:ProcessedMailbox"] = "INBOX",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ImapMailboxOptions>>().Get("Triage:Imap"));

        Assert.Contains("Triage__Imap__Password", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be different folders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTriageImap_NothingConfigured_NoPoller()
    {
        using var provider = Build([]);

        Assert.Empty(provider.GetServices<IHostedService>().OfType<ImapMailboxPoller>());
    }
}
