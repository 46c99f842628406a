using System.Text;

namespace Triage.Imap.Protocol;

/// <summary>
/// One command as segments (text and literals) plus the handlers for the untagged data it expects.
/// Secret segments are sent as given but logged as asterisks.
/// </summary>
internal sealed class ImapCommand
{
    private readonly List<Segment> _segments = [];

    public ImapCommand(string name)
    {
        Name = name;
        _segments.Add(new Segment(name, default, Secret: false));
    }

    /// <summary>The command's name for errors and logs, e.g. <c>UID FETCH</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>FETCH responses, with the body literal already read.</summary>
    public Action<ImapFetchedMessage>? Fetched { get; init; }

    /// <summary>What a UID FETCH asked for: decides whether body literals are kept.</summary>
    public ImapFetchItems FetchItems { get; init; }

    /// <summary>Where a fetched body is copied as it arrives, instead of being held in memory.</summary>
    public Stream? BodyDestination { get; init; }

    /// <summary>Untagged data other than status, EXISTS/EXPUNGE, FETCH and CAPABILITY: keyword and values (string, null for NIL, or nested list).</summary>
    public Action<string, IReadOnlyList<object?>>? Untagged { get; init; }

    /// <summary>Answers a continuation request (SASL challenges); the answer is logged redacted.</summary>
    public Func<string, CancellationToken, ValueTask<string>>? Continuation { get; init; }

    /// <summary>Appends a space and raw protocol text (atoms, sequence sets, criteria).</summary>
    public ImapCommand Add(string text)
    {
        _segments.Add(new Segment(" " + text, default, Secret: false));
        return this;
    }

    /// <summary>Appends a space and a secret atom (a SASL initial response).</summary>
    public ImapCommand AddSecret(string text)
    {
        _segments.Add(new Segment(" " + text, default, Secret: true));
        return this;
    }

    /// <summary>Appends a space and a string argument: quoted when it can be, a literal otherwise.</summary>
    public ImapCommand AddString(string value, bool secret = false)
    {
        if (CanQuote(value))
        {
            _segments.Add(new Segment(" " + Quote(value), default, secret));
        }
        else
        {
            _segments.Add(new Segment(" ", default, Secret: false));
            _segments.Add(new Segment(null, Encoding.UTF8.GetBytes(value), secret));
        }

        return this;
    }

    /// <summary>Appends a space and a literal (the message of an APPEND).</summary>
    public ImapCommand AddLiteral(ReadOnlyMemory<byte> content)
    {
        _segments.Add(new Segment(" ", default, Secret: false));
        _segments.Add(new Segment(null, content, Secret: false));
        return this;
    }

    private static bool CanQuote(string value)
    {
        if (value.Length > 1000)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Either text (<see cref="Text"/> set) or a literal's content.</summary>
    internal readonly record struct Segment(string? Text, ReadOnlyMemory<byte> Literal, bool Secret);
}
