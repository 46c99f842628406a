using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Triage.TestServers;

/// <summary>
/// A private Dovecot IMAP server on 127.0.0.1: its own configuration, base_dir, log, users and maildirs under a
/// temp dir; a plain/STARTTLS listener and an implicit-TLS listener with a CA made at setup. Other Dovecot
/// instances on the machine are never touched. Dispose stops it and removes the directory.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    public const string Host = "127.0.0.1";
    private const string DirectoryPrefix = "triage-dovecot-";
    private const string OwnerFile = "owner.pid";

    private readonly Process _master;
    private bool _disposed;

    private DovecotServer(string directory, int imapPort, int imapsPort, TestCertificates certificates, Process master, IReadOnlyDictionary<string, string> users)
    {
        Directory = directory;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
        Certificates = certificates;
        _master = master;
        Users = users;
    }

    public string Directory { get; }

    /// <summary>Plain IMAP, offering STARTTLS.</summary>
    public int ImapPort { get; }

    /// <summary>IMAP over implicit TLS.</summary>
    public int ImapsPort { get; }

    public TestCertificates Certificates { get; }

    /// <summary>User name → password of the test accounts.</summary>
    public IReadOnlyDictionary<string, string> Users { get; }

    public string LogPath => Path.Combine(Directory, "dovecot.log");

    /// <summary>Starts a server with the given users (default: alice/secret and bob/hunter2) and waits until it answers.</summary>
    public static async Task<DovecotServer> StartAsync(IReadOnlyDictionary<string, string>? users = null, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Dovecot test server runs on Linux only.");
        }

        var binary = ServerBinary.Require("dovecot-imapd", "/usr/sbin/dovecot");
        RemoveLeftovers();
        users ??= new Dictionary<string, string> { ["alice"] = "secret", ["bob"] = "hunter2" };
        var directory = System.IO.Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        File.WriteAllText(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        // Dovecot's unprivileged processes must reach the files below: the temp dir is private by default.
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var mail = System.IO.Directory.CreateDirectory(Path.Combine(directory, "mail")).FullName;
        File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);

        var certificates = TestCertificates.Create(directory);
        var passwd = Path.Combine(directory, "passwd");
        File.WriteAllLines(passwd, users.Select(user => $"{user.Key}:{{PLAIN}}{user.Value}::::::"));

        var imapPort = FreeTcpPort.Next();
        var imapsPort = FreeTcpPort.Next();
        var config = Path.Combine(directory, "dovecot.conf");
        File.WriteAllText(config, Configuration(directory, mail, passwd, certificates, imapPort, imapsPort));

        var start = new ProcessStartInfo(binary, ["-F", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var master = Process.Start(start) ?? throw new InvalidOperationException("dovecot did not start.");
        var server = new DovecotServer(directory, imapPort, imapsPort, certificates, master, users);
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Kills this server's imap session processes (as a crash or an admin would), leaving the master running.</summary>
    public int KillImapSessions()
    {
        var killed = 0;
        foreach (var pid in ChildProcesses(_master.Id))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.ProcessName == "imap")
                {
                    process.Kill();
                    killed++;
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }

        return killed;
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_master.HasExited)
            {
                _master.Kill(entireProcessTree: true);
                _master.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }

        _master.Dispose();
        TryDelete(Directory);
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_master.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited with {_master.ExitCode}: {await _master.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)} {ReadLog()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, ImapPort, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[64];
                var read = await client.GetStream().ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    return;
                }
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Configuration(string directory, string mail, string passwd, TestCertificates certificates, int imapPort, int imapsPort)
    {
        var (uid, gid, internalUser, loginUser) = Accounts();
        return $$"""
            base_dir = {{directory}}/run
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            info_log_path = {{directory}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            default_internal_user = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            last_valid_uid = 0
            first_valid_gid = 1
            mail_uid = {{uid}}
            mail_gid = {{gid}}
            mail_location = maildir:{{mail}}/%u
            mail_fsync = never
            mailbox_idle_check_interval = 1 secs
            ssl = yes
            ssl_cert = <{{certificates.ServerCertificatePath}}
            ssl_key = <{{certificates.ServerKeyPath}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{passwd}}
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{mail}}/%u
            }
            protocol imap {
              mail_max_userip_connections = 200
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{imapPort}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{imapsPort}}
                ssl = yes
              }
            }
            service anvil {
              chroot =
            }
            """;
    }

    /// <summary>As root, mail is owned by nobody and Dovecot's own users run the internals; otherwise everything runs as us.</summary>
    private static (int Uid, int Gid, string InternalUser, string LoginUser) Accounts()
    {
        var status = File.ReadAllLines("/proc/self/status");
        int Field(string name) => int.Parse(status.First(line => line.StartsWith(name, StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var uid = Field("Uid:");
        var gid = Field("Gid:");
        return uid == 0 ? (65534, 65534, "dovecot", "dovenull") : (uid, gid, Environment.UserName, Environment.UserName);
    }

    private static IEnumerable<int> ChildProcesses(int parent)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // Fields after the parenthesized command: state, ppid, …
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>Stops instances this fixture started in test processes that died without disposing them.</summary>
    private static void RemoveLeftovers()
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var ownerPid) || IsAlive(ownerPid))
            {
                continue;
            }

            var masterPid = Path.Combine(directory, "run", "master.pid");
            if (File.Exists(masterPid) && int.TryParse(File.ReadAllText(masterPid).Trim(), CultureInfo.InvariantCulture, out var pid) && IsAlive(pid))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // Gone already.
                }
            }

            TryDelete(directory);
        }
    }

    private static bool IsAlive(int pid) => System.IO.Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process still finishing; the next start's leftover sweep removes it.
        }
    }
}
