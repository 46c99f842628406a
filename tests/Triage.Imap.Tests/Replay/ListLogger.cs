namespace Triage.Imap.Tests.Replay;

/// <summary>Keeps the protocol log in memory so tests can check what it would have written.</summary>
public sealed class ListLogger : IImapProtocolLogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join("\n", Lines);

    public void LogClient(string line)
    {
        lock (_lines)
        {
            _lines.Add("C: " + line);
        }
    }

    public void LogServer(string line)
    {
        lock (_lines)
        {
            _lines.Add("S: " + line);
        }
    }
}
