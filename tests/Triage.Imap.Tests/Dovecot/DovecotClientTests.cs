using System.Security.Authentication;
using System.Text;
using Triage.Imap.Tests.Replay;
using Triage.TestServers;

namespace Triage.Imap.Tests.Dovecot;

/// <summary>The client against a real Dovecot on 127.0.0.1.</summary>
[Collection(DovecotGroup.Name)]
public sealed class DovecotClientTests(DovecotFixture dovecot)
{
    private static byte[] Mail(string subject, string body) =>
        Encoding.UTF8.GetBytes($"From: Kund <kund@example.se>\r\nTo: support@example.com\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.se>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");

    [Fact]
    public async Task AppendThenFetch_EightBitAndLargeMail_ComeBackByteForByte()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser());
        var date = new DateTimeOffset(2024, 11, 3, 9, 15, 0, TimeSpan.FromHours(1));
        byte[][] mails =
        [
            Mail("Fråga om faktura", "Hej! Kan ni skicka fakturan igen? Ärendet gäller order 1234. Mvh Åsa"),
            Mail("Big", string.Join("\r\n", Enumerable.Repeat(new string('x', 998), 400))),
            Mail("Tyhjä", ""),
        ];
        var appended = new List<uint>();
        foreach (var mail in mails)
        {
            appended.Add((await client.AppendAsync("INBOX", mail, internalDate: date)).GetValueOrDefault());
        }

        var inbox = await client.SelectAsync("INBOX");
        var uids = await client.UidSearchAsync("ALL");
        var fetched = await client.UidFetchAsync(uids, ImapFetchItems.All);

        Assert.Equal(appended, uids);
        Assert.Equal(3, inbox.Count);
        Assert.NotEqual(0u, inbox.UidValidity);
        Assert.Equal(uids[^1] + 1, inbox.UidNext);
        Assert.Equal(mails, fetched.Select(message => message.Body));
        Assert.Equal(mails.Select(mail => (long?)mail.Length), fetched.Select(message => message.Size));
        Assert.All(fetched, message => Assert.Equal(date, message.InternalDate));
        Assert.All(fetched, message => Assert.DoesNotContain(@"\Seen", message.Flags!));
    }

    [Fact]
    public async Task ImplicitTls_TrustedTestCa_ConnectsAndLogsIn()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser(), ImapSecurity.Tls);

        Assert.True(client.IsAuthenticated);
        Assert.Contains("IDLE", client.Capabilities);
    }

    [Fact]
    public async Task ImplicitTls_CaNotTrusted_RefusesTheCertificate()
    {
        using var client = new ImapClient();

        await Assert.ThrowsAsync<AuthenticationException>(() => client.ConnectAsync(DovecotServer.Host, dovecot.Server.ImapsPort, ImapSecurity.Tls));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task StartTls_PlainPort_UpgradesBeforeLogin()
    {
        var logger = new ListLogger();
        using var client = await dovecot.LoginAsync(dovecot.NewUser(), ImapSecurity.StartTls, logger);

        Assert.DoesNotContain("STARTTLS", client.Capabilities);
        Assert.True(logger.Lines.ToList().FindIndex(line => line.Contains("STARTTLS", StringComparison.Ordinal) && line.StartsWith("C:", StringComparison.Ordinal))
            < logger.Lines.ToList().FindIndex(line => line.Contains("LOGIN", StringComparison.Ordinal) && line.StartsWith("C:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AuthenticatePlain_WrongThenRightPassword_RefusedThenAccepted()
    {
        var (user, password) = dovecot.NewUser();
        using var client = new ImapClient(dovecot.Options());
        await client.ConnectAsync(DovecotServer.Host, dovecot.Server.ImapPort, ImapSecurity.None);

        var refused = await Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticatePlainAsync(user, "wrong"));
        await client.AuthenticatePlainAsync(user, password);

        Assert.Equal("AUTHENTICATIONFAILED", refused.ResponseCode);
        Assert.True(client.IsAuthenticated);
        Assert.Contains("MOVE", client.Capabilities);
    }

    [Fact]
    public async Task UidMove_ToEnsuredFolder_LeavesInboxAndArrivesThere()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser());
        for (var i = 0; i < 4; i++)
        {
            await client.AppendAsync("INBOX", Mail("m" + i, "body " + i));
        }

        await client.EnsureMailboxAsync("Ärenden");
        await client.EnsureMailboxAsync("Ärenden");
        await client.SelectAsync("INBOX");
        var uids = await client.UidSearchAsync("ALL");
        await client.UidMoveAsync([uids[0], uids[2]], "Ärenden");

        Assert.Equal([uids[1], uids[3]], await client.UidSearchAsync("ALL"));
        Assert.Equal(2, client.SelectedMailbox!.Count);
        var moved = await client.ExamineAsync("Ärenden");
        Assert.Equal(2, moved.Count);
    }

    [Fact]
    public async Task UidStore_SeenAndKeyword_AreReportedByFetchAndSearch()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser());
        await client.AppendAsync("INBOX", Mail("a", "a"));
        await client.AppendAsync("INBOX", Mail("b", "b"));
        await client.SelectAsync("INBOX");
        var uids = await client.UidSearchAsync("ALL");

        await client.UidStoreAsync([uids[0]], ImapStoreAction.Add, [@"\Seen", "$Triaged"]);

        var flags = await client.UidFetchAsync(uids, ImapFetchItems.Flags);
        Assert.Contains(@"\Seen", flags[0].Flags!);
        Assert.Contains("$Triaged", flags[0].Flags!);
        Assert.DoesNotContain(@"\Seen", flags[1].Flags!);
        Assert.Equal([uids[1]], await client.UidSearchAsync("UNKEYWORD $Triaged"));
    }

    [Fact]
    public async Task Idle_AppendFromAnotherConnection_ReportedWhileIdling()
    {
        var account = dovecot.NewUser();
        using var idler = await dovecot.LoginAsync(account);
        using var writer = await dovecot.LoginAsync(account);
        await idler.SelectAsync("INBOX");
        using var done = new CancellationTokenSource();
        idler.CountChanged += (_, _) => done.Cancel();

        var idle = idler.IdleAsync(done.Token);
        await Task.Delay(100);
        var appended = System.Diagnostics.Stopwatch.StartNew();
        await writer.AppendAsync("INBOX", Mail("new", "new"));
        await idle.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, idler.SelectedMailbox!.Count);
        Assert.True(appended.Elapsed < TimeSpan.FromSeconds(5), $"IDLE reported the new mail after {appended.Elapsed}");
        await idler.NoopAsync();
    }

    [Fact]
    public async Task KilledImapProcess_NextCommand_ThrowsProtocolException()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser());
        await client.SelectAsync("INBOX");

        Assert.True(dovecot.Server.KillImapSessions() > 0);

        await Assert.ThrowsAsync<ImapProtocolException>(() => client.NoopAsync());
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task IdAndEnable_Dovecot_AnswersBoth()
    {
        using var client = await dovecot.LoginAsync(dovecot.NewUser());

        var id = await client.IdAsync(new Dictionary<string, string> { ["name"] = "Triage" });
        var enabled = await client.EnableAsync(["CONDSTORE"]);

        Assert.Equal("Dovecot", id["name"]);
        Assert.Contains("CONDSTORE", enabled);
    }
}
