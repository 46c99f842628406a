using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Triage.TestServers;

/// <summary>
/// A Postfix instance of its own on 127.0.0.1 and a free port: config, queue, data and mail under a temp dir, a
/// STARTTLS certificate from a CA made at start (<see cref="CaCertificateFile"/>), Cyrus SASL (sasldb) with one
/// account, local delivery of <see cref="PostfixOptions.Domain"/> to Maildirs, and no outbound mail (every other
/// domain is refused). Needs root and tests/servers/postfix.sh. Dispose stops it and removes the temp dir.
/// </summary>
public sealed class PostfixServer : IAsyncDisposable
{
    private const string PostfixPath = "/usr/sbin/postfix";
    private const string SaslPasswdPath = "/usr/sbin/saslpasswd2";

    private readonly string _root;
    private readonly PostfixOptions _options;
    private bool _started;

    private PostfixServer(string root, PostfixOptions options, string mailboxBase)
    {
        _root = root;
        Port = FreeTcpPort.Next();
        ImplicitTlsPort = FreeTcpPort.Next();
        _options = options;
        MailboxBase = mailboxBase;
    }

    public string Host => "127.0.0.1";

    /// <summary>SMTP with STARTTLS (AUTH only after it), like port 25/587.</summary>
    public int Port { get; }

    /// <summary>SMTP inside TLS from the first byte, like port 465.</summary>
    public int ImplicitTlsPort { get; }

    /// <summary>The name in the server certificate (it also carries 127.0.0.1).</summary>
    public string ServerName => "localhost";

    /// <summary>PEM of the CA that signed the server certificate; trust it to pass certificate checks.</summary>
    public string CaCertificateFile => Path.Combine(_root, "etc", "ca.pem");

    public string Domain => _options.Domain;

    public string SaslUserName => $"{_options.SaslUser}@{_options.Domain}";

    public string SaslPassword => _options.SaslPassword;

    public string MailboxBase { get; }

    /// <summary>Postfix's own log (maillog_file), for assertions and failure messages.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    private string ConfigDirectory => Path.Combine(_root, "etc");

    private string LogFile => Path.Combine(_root, "maillog");

    public string Address(string user) => $"{user}@{_options.Domain}";

    public static async Task<PostfixServer> StartAsync(PostfixOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostfixOptions();
        ServerBinary.Require("postfix", PostfixPath);
        ServerBinary.Require("sasl2-bin", SaslPasswdPath);
        var root = Directory.CreateTempSubdirectory("triage-postfix-").FullName;
        // Postfix's daemons run as the postfix user and must reach their directories under the temp dir.
        Chmod(root, "755");
        var mailboxBase = options.MailboxBase ?? Path.Combine(root, "mail");
        var server = new PostfixServer(root, options, mailboxBase);
        try
        {
            await server.ConfigureAsync(cancellationToken).ConfigureAwait(false);
            await server.RunCheckedAsync(PostfixPath, ["-c", server.ConfigDirectory, "start"], null, cancellationToken).ConfigureAwait(false);
            server._started = true;
            await server.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The files delivered to <paramref name="user"/>'s Maildir, waiting until there are <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitForDeliveriesAsync(string user, int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(MailboxBase, _options.MailboxPath(_options.Domain, user), "new");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList() : [];
            if (files.Count >= count)
            {
                return files;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{files.Count} of {count} messages reached {folder} within {timeout}. Postfix log:\n{Log}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            // "postfix stop" only signals the master; the instance is gone when "postfix status" says so.
            await PostfixAsync("stop").ConfigureAwait(false);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (await PostfixAsync("status").ConfigureAwait(false) == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    await PostfixAsync("abort").ConfigureAwait(false);
                    break;
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A daemon finishing a write can race the delete; a leftover temp dir harms nothing.
        }
    }

    private async Task ConfigureAsync(CancellationToken cancellationToken)
    {
        var etc = Directory.CreateDirectory(ConfigDirectory).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "queue"));
        var mail = Directory.CreateDirectory(MailboxBase).FullName;
        // virtual(8) writes as the mail owner; a world-writable throw-away base spares a chown.
        Chmod(mail, "777");
        var (uid, gid) = _options.MailOwner ?? NobodyAccount();
        WriteCertificates(etc);

        await File.WriteAllLinesAsync(Path.Combine(etc, "vmailbox"),
            _options.Mailboxes.Select(user => $"{Address(user)} {_options.MailboxPath(_options.Domain, user)}"), cancellationToken).ConfigureAwait(false);
        // Cyrus SASL reads smtpd.conf from a folder of its own (it ignores the file beside main.cf).
        var sasl = Directory.CreateDirectory(Path.Combine(etc, "sasl")).FullName;
        await File.WriteAllTextAsync(Path.Combine(sasl, "smtpd.conf"), $"""
            pwcheck_method: auxprop
            auxprop_plugin: sasldb
            mech_list: PLAIN LOGIN
            sasldb_path: {etc}/sasldb2

            """, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(etc, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {_root}/queue
            data_directory = {_root}/data
            mail_owner = postfix
            setgid_group = postdrop
            maillog_file = {LogFile}
            maillog_file_prefixes = {_root}
            myhostname = mx.{_options.Domain}
            mydomain = {_options.Domain}
            myorigin = $mydomain
            mydestination =
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            alias_maps =
            alias_database =
            biff = no
            smtpd_banner = $myhostname ESMTP Triage test Postfix
            smtputf8_enable = yes
            smtpd_tls_cert_file = {etc}/server.pem
            smtpd_tls_key_file = {etc}/server.key
            smtpd_tls_security_level = may
            smtpd_tls_auth_only = yes
            smtpd_sasl_auth_enable = yes
            smtpd_sasl_type = cyrus
            smtpd_sasl_path = smtpd
            cyrus_sasl_config_path = {sasl}
            smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
            virtual_mailbox_domains = {_options.Domain}
            virtual_mailbox_base = {MailboxBase}
            virtual_mailbox_maps = texthash:{etc}/vmailbox
            virtual_uid_maps = static:{uid}
            virtual_gid_maps = static:{gid}
            virtual_minimum_uid = 1
            default_transport = error:outbound mail is off in this test instance
            relay_transport = error:outbound mail is off in this test instance

            """, cancellationToken).ConfigureAwait(false);
        // Only the services a loopback submission-and-delivery instance needs, none chrooted.
        await File.WriteAllTextAsync(Path.Combine(etc, "master.cf"), $"""
            127.0.0.1:{Port} inet n - n - - smtpd
            127.0.0.1:{ImplicitTlsPort} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
            pickup    unix  n - n 60 1 pickup
            cleanup   unix  n - n -  0 cleanup
            qmgr      unix  n - n 300 1 qmgr
            tlsmgr    unix  - - n 1000? 1 tlsmgr
            rewrite   unix  - - n -  - trivial-rewrite
            bounce    unix  - - n -  0 bounce
            defer     unix  - - n -  0 bounce
            trace     unix  - - n -  0 bounce
            verify    unix  - - n -  1 verify
            flush     unix  n - n 1000? 0 flush
            proxymap  unix  - - n -  - proxymap
            showq     unix  n - n -  - showq
            error     unix  - - n -  - error
            retry     unix  - - n -  - error
            discard   unix  - - n -  - discard
            virtual   unix  - n n -  - virtual
            anvil     unix  - - n -  1 anvil
            scache    unix  - - n -  1 scache
            postlog   unix-dgram n - n - 1 postlogd

            """, cancellationToken).ConfigureAwait(false);

        await RunCheckedAsync(SaslPasswdPath, ["-p", "-c", "-f", Path.Combine(etc, "sasldb2"), "-u", _options.Domain, _options.SaslUser],
            _options.SaslPassword, cancellationToken).ConfigureAwait(false);
        // smtpd reads the account database as the postfix user.
        Chmod(Path.Combine(etc, "sasldb2"), "644");
    }

    private static void WriteCertificates(string etc)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Triage test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));

        File.WriteAllText(Path.Combine(etc, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(etc, "server.pem"), server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(etc, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        Chmod(Path.Combine(etc, "server.key"), "600");
    }

    private static void Chmod(string path, string octalMode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Postfix test server runs on Linux only.");
        }

        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octalMode, 8));
    }

    private static (int Uid, int Gid) NobodyAccount()
    {
        var entry = File.ReadLines("/etc/passwd").Select(line => line.Split(':')).FirstOrDefault(f => f.Length > 3 && f[0] == "nobody")
            ?? throw new InvalidOperationException("No \"nobody\" account in /etc/passwd; set PostfixOptions.MailOwner.");
        return (int.Parse(entry[2], CultureInfo.InvariantCulture), int.Parse(entry[3], CultureInfo.InvariantCulture));
    }

    private async Task<int> PostfixAsync(string command) =>
        (await RunAsync(PostfixPath, ["-c", ConfigDirectory, command], null, CancellationToken.None).ConfigureAwait(false)).ExitCode;

    private async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(program, arguments, input, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}: {output}\nPostfix log:\n{Log}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var probe = new TcpClient();
            try
            {
                // The master opens every listener before it serves any, so one port answering means all do.
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
