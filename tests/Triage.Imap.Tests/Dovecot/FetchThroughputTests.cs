using System.Diagnostics;
using System.Globalization;
using Triage.Imap.Tests.Poller;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Imap.Tests.Dovecot;

/// <summary>
/// Fetch throughput (BODY.PEEK[] in batches of 100) of Triage.Imap against Python's imaplib on the same Dovecot
/// mailbox. In the unit suite it only proves the harness on 100 mails; <c>TRIAGE_IMAP_BENCH_MAILS=1000</c> makes it
/// the side-by-side measurement (tests/tools/imap_fetch_py.py) and requires ours to be at least as fast.
/// </summary>
[Collection(DovecotGroup.Name)]
public sealed class FetchThroughputTests(DovecotFixture dovecot, ITestOutputHelper output)
{
    private const int Passes = 5;
    private const int BatchSize = 100;

    [Fact]
    [Trait("Category", "ImapBench")]
    public async Task UidFetch_Bodies_AtLeastAsFastAsImaplib()
    {
        var requested = Environment.GetEnvironmentVariable("TRIAGE_IMAP_BENCH_MAILS");
        var count = requested is null ? 100 : int.Parse(requested, CultureInfo.InvariantCulture);
        var account = dovecot.NewUser();
        using (var writer = await dovecot.LoginAsync(account))
        {
            int[] sizes = [1_500, 4_000, 12_000, 40_000];
            for (var n = 0; n < count; n++)
            {
                await writer.AppendAsync("INBOX", TestMail.Create("bench", n, sizes[n % sizes.Length]));
            }
        }

        using var client = new ImapClient(dovecot.Options(BatchSize));
        await client.ConnectAsync(DovecotServer.Host, dovecot.Server.ImapPort, ImapSecurity.None);
        await client.LoginAsync(account.User, account.Password);
        await client.ExamineAsync("INBOX");
        var uids = await client.UidSearchAsync("ALL");

        // Warm up for a second, not one pass: the JIT promotes the hot paths to optimized code only after they ran a
        // while, and a pass of a few thousand mails takes a tenth of a second.
        var warmUp = Stopwatch.StartNew();
        do
        {
            await FetchAllAsync(client, uids);
        }
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1));
        var rates = new List<(double Mails, double Megabytes)>();
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            var (mails, bytes) = await FetchAllAsync(client, uids);
            var seconds = clock.Elapsed.TotalSeconds;
            Assert.Equal(count, mails);
            rates.Add((mails / seconds, bytes / seconds / 1e6));
        }

        var ours = (Mails: Median(rates.Select(rate => rate.Mails)), Megabytes: Median(rates.Select(rate => rate.Megabytes)));
        output.WriteLine($"Triage.Imap: {ours.Mails:F0} mails/s, {ours.Megabytes:F1} MB/s (median of {Passes}, {count} mails)");
        if (requested is null)
        {
            return;
        }

        var python = await RunImaplibAsync(account);
        output.WriteLine(python.Trim());
        var imaplib = double.Parse(python.Split("imaplib: ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(ours.Mails >= imaplib, $"Triage.Imap {ours.Mails:F0} mails/s < imaplib {imaplib:F0} mails/s");
    }

    private static async Task<(int Mails, long Bytes)> FetchAllAsync(ImapClient client, IReadOnlyList<uint> uids)
    {
        var mails = 0;
        long bytes = 0;
        await client.UidFetchAsync(uids.ToArray(), ImapFetchItems.Body, message =>
        {
            mails++;
            bytes += message.Body!.Length;
        });
        return (mails, bytes);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private async Task<string> RunImaplibAsync((string User, string Password) account)
    {
        var script = FindUp(Path.Combine("tests", "tools", "imap_fetch_py.py"));
        var start = new ProcessStartInfo("python3",
            [script, "--host", DovecotServer.Host, "--port", dovecot.Server.ImapPort.ToString(CultureInfo.InvariantCulture),
             "--user", account.User, "--password", account.Password, "--batch", BatchSize.ToString(CultureInfo.InvariantCulture),
             "--passes", Passes.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "imap_fetch_py.py failed: " + stderr);
        return stdout.Split('\n').Last(line => line.StartsWith("imaplib:", StringComparison.Ordinal));
    }

    private static string FindUp(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Not found above the test directory: " + relative);
    }
}
