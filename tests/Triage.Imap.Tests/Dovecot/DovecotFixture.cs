using System.Globalization;
using Triage.TestServers;

namespace Triage.Imap.Tests.Dovecot;

/// <summary>One private Dovecot for the IMAP tests; each test takes its own user, so tests never see each other's mail.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    private const int UserCount = 40;
    private int _nextUser;

    public DovecotServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var users = Enumerable.Range(1, UserCount).ToDictionary(i => "user" + i.ToString(CultureInfo.InvariantCulture), i => "pw-" + i.ToString(CultureInfo.InvariantCulture));
        Server = await DovecotServer.StartAsync(users);
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A user no other test has used.</summary>
    public (string User, string Password) NewUser()
    {
        var n = Interlocked.Increment(ref _nextUser);
        if (n > UserCount)
        {
            throw new InvalidOperationException("DovecotFixture ran out of test users; raise UserCount.");
        }

        var user = "user" + n.ToString(CultureInfo.InvariantCulture);
        return (user, Server.Users[user]);
    }

    public ImapClientOptions Options(int fetchBatchSize = 100) =>
        new() { TrustedCaFile = Server.Certificates.CaCertificatePath, FetchBatchSize = fetchBatchSize };

    public async Task<ImapClient> LoginAsync((string User, string Password) account, ImapSecurity security = ImapSecurity.None, IImapProtocolLogger? logger = null)
    {
        var client = new ImapClient(Options(), logger);
        var port = security == ImapSecurity.Tls ? Server.ImapsPort : Server.ImapPort;
        await client.ConnectAsync(DovecotServer.Host, port, security);
        await client.LoginAsync(account.User, account.Password);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class DovecotGroup : ICollectionFixture<DovecotFixture>
{
    public const string Name = "Dovecot";
}
