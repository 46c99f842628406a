using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Triage.TestServers;

/// <summary>
/// A throw-away RabbitMQ broker from Debian's rabbitmq-server: its own node name, ports (AMQP, distribution, epmd)
/// bound to 127.0.0.1, data, logs and configuration under a temp folder, no plugins. Started as the current user
/// (root in CI); <see cref="DisposeAsync"/> stops the node, its epmd and deletes the folder.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root;
    private readonly Dictionary<string, string> _environment;
    private readonly int _epmdPort;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RabbitMqServer(string root, int port, int epmdPort, string nodeName)
    {
        _root = root;
        Port = port;
        NodeName = nodeName;
        _epmdPort = epmdPort;
        var loopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";
        _environment = new Dictionary<string, string>
        {
            // The Erlang cookie is created in HOME; a private HOME keeps it (and the node) to this test run.
            ["HOME"] = root,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_CTL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(root, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid"),
        };
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    public string NodeName { get; }

    /// <summary>The default guest account, which RabbitMQ admits from loopback only.</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>How long the last start took until the broker answered an AMQP handshake.</summary>
    public TimeSpan StartupTime { get; private set; }

    public static async Task<RabbitMqServer> StartAsync(CancellationToken cancellationToken = default)
    {
        ServerBinary.Require("rabbitmq-server", ServerScript);
        var root = Directory.CreateTempSubdirectory("triage-rabbitmq-").FullName;
        var server = new RabbitMqServer(root, FreeTcpPort.Next(), FreeTcpPort.Next(), $"triage-test-{Guid.NewGuid():N}@localhost");
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "advanced.config"), "[].\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(root, "rabbitmq.conf"),
            "disk_free_limit.absolute = 10MB\nlog.console = false\nlog.file.level = warning\n",
            cancellationToken).ConfigureAwait(false);
        try
        {
            await server.StartNodeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Stops the broker, keeping its data (for outage tests); <see cref="StartNodeAsync"/> brings it back.</summary>
    public async Task StopNodeAsync()
    {
        if (_process is null)
        {
            return;
        }

        await RunControlAsync("stop").ConfigureAwait(false);
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Kills the broker as a crash or power cut would (SIGKILL), keeping its data; confirmed messages must survive.</summary>
    public async Task KillNodeAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the node (again, with the same data) and waits until it accepts AMQP connections.</summary>
    public async Task StartNodeAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        _process = Process.Start(StartInfo(ServerScript)) ?? throw new InvalidOperationException($"{ServerScript} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (!await AnswersAmqpAsync(Port, deadline.Token).ConfigureAwait(false))
        {
            if (_process.HasExited || deadline.IsCancellationRequested)
            {
                throw new InvalidOperationException($"RabbitMQ node {NodeName} did not come up on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Output()}");
            }

            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        }

        StartupTime = watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync().ConfigureAwait(false);

        // The node started its own epmd on a private port; nothing else uses it.
        await RunAsync("epmd", ["-port", _environment["ERL_EPMD_PORT"], "-kill"]).ConfigureAwait(false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle of the stopped node; the temp folder is cleaned by the system later.
        }
    }

    /// <summary>True once the port speaks AMQP 0-9-1: a protocol header is answered by a method frame (Connection.Start).</summary>
    private static async Task<bool> AnswersAmqpAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            var reply = new byte[1];
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            readTimeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await stream.ReadAsync(reply, readTimeout.Token).ConfigureAwait(false) == 1 && reply[0] == 1;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private Task RunControlAsync(string command) => RunAsync(ControlScript, ["-n", NodeName, command]);

    private async Task RunAsync(string program, string[] arguments)
    {
        var start = StartInfo(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        Keep(await output.ConfigureAwait(false));
        Keep(await error.ConfigureAwait(false));
    }

    // Every program of the node (server, rabbitmqctl, epmd) runs with the node's private environment and folder.
    private ProcessStartInfo StartInfo(string program)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
