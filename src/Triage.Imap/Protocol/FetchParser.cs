using System.Globalization;

namespace Triage.Imap.Protocol;

/// <summary>Reads the parenthesized list of a FETCH response and generic values of other untagged data.</summary>
internal static class FetchParser
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>
    /// Reads one FETCH response. With <paramref name="bodyDestination"/> the whole-message body is copied there as it
    /// arrives (whatever its size) instead of being held; otherwise bodies over <paramref name="maxBodyBytes"/> are dropped.
    /// </summary>
    public static async ValueTask<ImapFetchedMessage> ReadAsync(
        ImapTokenizer tokenizer, uint sequenceNumber, bool keepBody, long maxBodyBytes, Stream? bodyDestination, CancellationToken cancellationToken)
    {
        var message = new ImapFetchedMessage { SequenceNumber = sequenceNumber };
        var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token.Kind != ImapTokenKind.OpenParen)
        {
            throw new ImapProtocolException($"FETCH response without its item list (got {token}).");
        }

        while (true)
        {
            token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token.Kind == ImapTokenKind.CloseParen)
            {
                break;
            }

            if (token.Kind != ImapTokenKind.Atom)
            {
                throw new ImapProtocolException($"Unexpected {token} in a FETCH response.");
            }

            switch (token.Text.ToUpperInvariant())
            {
                case "UID":
                    message.Uid = ParseNumber(await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false), "UID");
                    break;
                case "RFC822.SIZE":
                    var size = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
                    message.Size = size.IsNil ? null : ParseNumber(size, "RFC822.SIZE");
                    break;
                case "INTERNALDATE":
                    var date = await ReadValueAsync(tokenizer, await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    message.InternalDate = date is string text ? ParseInternalDate(text) : null;
                    break;
                case "FLAGS":
                    message.Flags = Flatten(await ReadValueAsync(tokenizer, await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
                    break;
                case "BODY" or "BINARY" or "RFC822":
                    await ReadBodyAsync(tokenizer, message, keepBody, maxBodyBytes, bodyDestination, token.Text, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await ReadValueAsync(tokenizer, await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await SkipToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>Reads one value starting at <paramref name="first"/>: a string, null for NIL, or a nested list. Literals are read as text.</summary>
    public static async ValueTask<object?> ReadValueAsync(ImapTokenizer tokenizer, ImapToken first, CancellationToken cancellationToken)
    {
        switch (first.Kind)
        {
            case ImapTokenKind.Atom:
                return first.IsNil ? null : first.Text;
            case ImapTokenKind.QuotedString:
                return first.Text;
            case ImapTokenKind.Literal:
                return await tokenizer.ReadLiteralStringAsync(first.LiteralLength, cancellationToken).ConfigureAwait(false);
            case ImapTokenKind.OpenParen or ImapTokenKind.OpenBracket:
                var close = first.Kind == ImapTokenKind.OpenParen ? ImapTokenKind.CloseParen : ImapTokenKind.CloseBracket;
                var items = new List<object?>();
                while (true)
                {
                    var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
                    if (token.Kind == close)
                    {
                        return items;
                    }

                    if (token.Kind == ImapTokenKind.Eol)
                    {
                        throw new ImapProtocolException("A list in the server's response is not closed before the end of the line.");
                    }

                    items.Add(await ReadValueAsync(tokenizer, token, cancellationToken).ConfigureAwait(false));
                }

            case ImapTokenKind.Eol:
                throw new ImapProtocolException("The server's response ended where a value was expected.");
            default:
                // A stray closing paren or bracket: tolerated as an atom of itself.
                return first.ToString();
        }
    }

    /// <summary>The values up to the end of the line.</summary>
    public static async ValueTask<List<object?>> ReadValuesToEndOfLineAsync(ImapTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var values = new List<object?>();
        while (true)
        {
            var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token.Kind == ImapTokenKind.Eol)
            {
                return values;
            }

            values.Add(await ReadValueAsync(tokenizer, token, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Skips what is left of a response line, literals included, without keeping it.</summary>
    public static async ValueTask SkipToEndOfLineAsync(ImapTokenizer tokenizer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token.Kind == ImapTokenKind.Eol)
            {
                return;
            }

            if (token.Kind == ImapTokenKind.Literal)
            {
                await tokenizer.SkipLiteralAsync(token.LiteralLength, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The strings of a (possibly nested) value, in order.</summary>
    public static List<string> Flatten(object? value)
    {
        var result = new List<string>();
        Add(value);
        return result;

        void Add(object? item)
        {
            if (item is string text)
            {
                result.Add(text);
            }
            else if (item is List<object?> list)
            {
                foreach (var inner in list)
                {
                    Add(inner);
                }
            }
        }
    }

    /// <summary>INTERNALDATE: <c>dd-Mon-yyyy hh:mm:ss +zzzz</c>, day possibly space-padded.</summary>
    public static DateTimeOffset? ParseInternalDate(string text)
    {
        var parts = text.Trim().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !TimeOnly.TryParseExact(parts[3], "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || parts[4].TrimStart('+').Length != 4
            || !int.TryParse(parts[4].TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var zone))
        {
            return null;
        }

        var month = Array.IndexOf(Months, parts[1].ToUpperInvariant()) + 1;
        var sign = text.TrimEnd().Length >= 5 && text.TrimEnd()[^5] == '-' ? -1 : 1;
        if (month == 0 || day is < 1 or > 31 || zone % 100 >= 60)
        {
            return null;
        }

        try
        {
            var offset = new TimeSpan(zone / 100, zone % 100, 0) * sign;
            return new DateTimeOffset(new DateOnly(year, month, day), time, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static async ValueTask ReadBodyAsync(
        ImapTokenizer tokenizer, ImapFetchedMessage message, bool keepBody, long maxBodyBytes, Stream? bodyDestination, string item, CancellationToken cancellationToken)
    {
        var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        string? section = null;
        if (token.Kind == ImapTokenKind.OpenBracket)
        {
            section = string.Join(' ', Flatten(await ReadValueAsync(tokenizer, token, cancellationToken).ConfigureAwait(false)));
            token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token.Kind == ImapTokenKind.Atom && token.Text.StartsWith('<'))
            {
                token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else if (!string.Equals(item, "RFC822", StringComparison.OrdinalIgnoreCase))
        {
            // BODY without a section is the body structure: a list we do not use.
            await ReadValueAsync(tokenizer, token, cancellationToken).ConfigureAwait(false);
            return;
        }

        var wholeMessage = keepBody && (section is null || section.Length == 0);
        switch (token.Kind)
        {
            case ImapTokenKind.Literal when !wholeMessage:
                await tokenizer.SkipLiteralAsync(token.LiteralLength, cancellationToken).ConfigureAwait(false);
                break;
            case ImapTokenKind.Literal when bodyDestination is not null:
                await tokenizer.CopyLiteralAsync(token.LiteralLength, bodyDestination, cancellationToken).ConfigureAwait(false);
                message.StreamedBodyBytes = token.LiteralLength;
                break;
            case ImapTokenKind.Literal when token.LiteralLength > maxBodyBytes:
                message.BodyTooLargeBytes = token.LiteralLength;
                await tokenizer.SkipLiteralAsync(token.LiteralLength, cancellationToken).ConfigureAwait(false);
                break;
            case ImapTokenKind.Literal:
                message.Body = await tokenizer.ReadLiteralAsync(token.LiteralLength, cancellationToken).ConfigureAwait(false);
                break;
            case ImapTokenKind.QuotedString when wholeMessage:
                message.Body = System.Text.Encoding.UTF8.GetBytes(token.Text);
                break;
            case ImapTokenKind.Atom when token.IsNil && wholeMessage:
                message.Body = [];
                break;
            default:
                await ReadValueAsync(tokenizer, token, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (bodyDestination is not null && message.Body is { } small)
        {
            // A body sent as a quoted string or NIL goes the same way as a literal.
            await bodyDestination.WriteAsync(small, cancellationToken).ConfigureAwait(false);
            message.StreamedBodyBytes = small.Length;
            message.Body = null;
        }
    }

    private static uint ParseNumber(ImapToken token, string item) =>
        token.Kind == ImapTokenKind.Atom && uint.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ImapProtocolException($"FETCH {item} is not a number ({token}).");
}
