namespace Triage.Smtp.Tests;

/// <summary>Keeps the protocol log as "C: …" / "S: …" lines.</summary>
public sealed class RecordingLogger : ISmtpProtocolLogger
{
    public List<string> Lines { get; } = [];

    public void LogConnect(string server) => Lines.Add("* connect " + server);

    public void LogClient(string line) => Lines.Add("C: " + line);

    public void LogServer(string line) => Lines.Add("S: " + line);
}
