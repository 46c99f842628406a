using Triage.Mime.Headers;

namespace Triage.Mime;

/// <summary>
/// A parsed message. The raw bytes are kept as given; header fields and bodies are decoded on first use.
/// </summary>
public sealed class MimeMessage
{
    private IReadOnlyList<MailboxAddress>? _from;
    private IReadOnlyList<MailboxAddress>? _to;
    private IReadOnlyList<MailboxAddress>? _cc;
    private MessageBody? _body;
    private bool _dateParsed;
    private DateTimeOffset? _date;

    internal MimeMessage(ReadOnlyMemory<byte> raw, MimeEntity root, IReadOnlyList<MimeDiagnostic> diagnostics)
    {
        Raw = raw;
        Root = root;
        Diagnostics = diagnostics;
    }

    /// <summary>The message exactly as it was given to the parser.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The top entity; its headers are the message headers.</summary>
    public MimeEntity Root { get; }

    public HeaderList Headers => Root.Headers;

    /// <summary>Everything the parser noticed and degraded, in the order it was found (embedded messages included).</summary>
    public IReadOnlyList<MimeDiagnostic> Diagnostics { get; }

    public IReadOnlyList<MailboxAddress> From => _from ??= Addresses("From");

    public IReadOnlyList<MailboxAddress> To => _to ??= Addresses("To");

    public IReadOnlyList<MailboxAddress> Cc => _cc ??= Addresses("Cc");

    public IReadOnlyList<MailboxAddress> Bcc => Addresses("Bcc");

    public IReadOnlyList<MailboxAddress> ReplyTo => Addresses("Reply-To");

    public IReadOnlyList<MailboxAddress> Sender => Addresses("Sender");

    /// <summary>Decoded Subject, or null when the header is absent.</summary>
    public string? Subject => Headers.Find("Subject")?.DecodedText;

    /// <summary>The Date header with the offset it was written in; null when absent or unreadable.</summary>
    public DateTimeOffset? Date
    {
        get
        {
            if (!_dateParsed)
            {
                foreach (var header in Headers.FindAll("Date"))
                {
                    if (DateParser.TryParse(header.Value, out var date))
                    {
                        _date = date;
                        break;
                    }
                }

                _dateParsed = true;
            }

            return _date;
        }
    }

    public string? MessageId => Headers["Message-ID"] is { } v ? MessageIds.ParseSingle(v) : null;

    public IReadOnlyList<string> InReplyTo => Headers["In-Reply-To"] is { } v ? MessageIds.ParseList(v) : [];

    public IReadOnlyList<string> References => Headers["References"] is { } v ? MessageIds.ParseList(v) : [];

    /// <summary>Text, HTML and attachment parts chosen as in RFC 8621 §4.1.4.</summary>
    public MessageBody Body => _body ??= MessageBody.Classify(Root);

    /// <summary>All inline text/plain body parts, joined by a newline; null when there are none.</summary>
    public string? TextBody => Body.GetPlainText();

    /// <summary>All inline text/html body parts, joined by a newline; null when there are none.</summary>
    public string? HtmlBody => Body.GetHtml();

    /// <summary>Readable text for people and classifiers: the plain text body, else the HTML body converted to text.</summary>
    public string GetReadableText() => TextBody ?? (HtmlBody is { } html ? Html.HtmlToText.Convert(html) : string.Empty);

    /// <summary>Every entity, depth first, embedded messages included.</summary>
    public IEnumerable<MimeEntity> Walk()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            if (entity.EmbeddedMessage is { } inner)
            {
                stack.Push(inner.Root);
            }

            for (var i = entity.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(entity.Children[i]);
            }
        }
    }

    private IReadOnlyList<MailboxAddress> Addresses(string name)
    {
        // A duplicate header is read only when the first one yields nothing.
        foreach (var header in Headers.FindAll(name))
        {
            var list = AddressParser.Parse(header.Value);
            if (list.Count > 0)
            {
                return list;
            }
        }

        return [];
    }
}
