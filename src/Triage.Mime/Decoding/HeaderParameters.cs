using System.Text;

namespace Triage.Mime.Decoding;

/// <summary>A header value with parameters, such as Content-Type or Content-Disposition.</summary>
internal sealed record ParameterizedValue(string Value, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Parses <c>value; name=value; …</c> headers (Content-Type, Content-Disposition) per RFC 2045/2183 with RFC 2231
/// continuations and charsets, RFC 2047 words inside values, and the sloppy syntax real mail carries: missing or
/// trailing ';', unquoted values with spaces, comments, duplicates (first wins; an RFC 2231 form beats a plain one).
/// </summary>
internal static class HeaderParameters
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public static ParameterizedValue Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new ParameterizedValue(string.Empty, NoParameters);
        var s = value.AsSpan();
        var i = Rfc822Syntax.SkipCfws(s, 0);

        var main = string.Empty;
        // "; charset=x" and a bare "charset=x" both mean the type itself is missing.
        if (i < s.Length && s[i] != ';' && !LooksLikeAttribute(s, i))
        {
            var raw = s[i] == '"' ? ReadQuoted(s, ref i) : ReadUnquoted(s, ref i);
            main = NormalizeMainValue(raw);
        }

        var slots = ReadParameters(s, i);
        if (slots is null) return new ParameterizedValue(main, NoParameters);
        var parameters = new Dictionary<string, string>(slots.Count, StringComparer.OrdinalIgnoreCase);
        // A boundary is matched byte for byte against the body, so it is never RFC 2047-decoded.
        foreach (var (name, slot) in slots) parameters[name] = slot.Build(decodeWords: name != "boundary");
        return new ParameterizedValue(main, parameters);
    }

    private static Dictionary<string, ParameterSlot>? ReadParameters(ReadOnlySpan<char> s, int i)
    {
        Dictionary<string, ParameterSlot>? slots = null;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ';' or ',' || Rfc822Syntax.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '(')
            {
                i = Rfc822Syntax.SkipComment(s, i);
                continue;
            }

            var nameStart = i;
            while (i < s.Length && s[i] is not ('=' or ';' or '"' or '(') && !Rfc822Syntax.IsWhiteSpace(s[i])) i++;
            var name = s[nameStart..i];
            if (name.IsEmpty)
            {
                // A stray '=' or quoted string with no name: skip to the next parameter.
                i = s[i] == '"' ? Rfc822Syntax.SkipQuoted(s, i) : SkipPast(s, i, ';');
                continue;
            }

            i = Rfc822Syntax.SkipCfws(s, i);
            if (i >= s.Length || s[i] != '=') continue; // a name without a value carries nothing
            i = Rfc822Syntax.SkipCfws(s, i + 1);
            var parameterValue = i < s.Length && s[i] == '"' ? ReadQuoted(s, ref i) : ReadUnquoted(s, ref i);

            slots ??= new Dictionary<string, ParameterSlot>(StringComparer.OrdinalIgnoreCase);
            Add(slots, name, parameterValue);
        }
        return slots;
    }

    private static void Add(Dictionary<string, ParameterSlot> slots, ReadOnlySpan<char> name, string value)
    {
        // RFC 2231: name* (charset'language'value), name*N (continuation), name*N* (encoded continuation).
        var star = name.IndexOf('*');
        var kind = Kind.Plain;
        var section = 0;
        if (star > 0)
        {
            var rest = name[(star + 1)..];
            var encoded = rest.EndsWith('*');
            var digits = encoded ? rest[..^1] : rest;
            if (rest.IsEmpty)
            {
                kind = Kind.Extended;
            }
            else if (!digits.IsEmpty && digits.Length <= 4 && !digits.ContainsAnyExceptInRange('0', '9'))
            {
                kind = encoded ? Kind.EncodedSection : Kind.Section;
                foreach (var d in digits) section = section * 10 + (d - '0');
            }
        }

        var key = (kind == Kind.Plain ? name : name[..star]).ToString().ToLowerInvariant();
        if (!slots.TryGetValue(key, out var slot))
        {
            slot = new ParameterSlot();
            slots[key] = slot;
        }

        switch (kind)
        {
            case Kind.Plain:
                slot.Plain ??= value;
                break;
            case Kind.Extended:
                slot.Extended ??= value;
                break;
            default:
                slot.AddSection(section, value, kind == Kind.EncodedSection);
                break;
        }
    }

    private enum Kind
    {
        Plain,
        Extended,
        Section,
        EncodedSection,
    }

    private static string NormalizeMainValue(string raw)
    {
        var span = raw.AsSpan().Trim();
        // "text / plain" and stray blanks: a media type or disposition never contains white space.
        if (span.ContainsAny(" \t\r\n"))
        {
            var sb = new StringBuilder(span.Length);
            foreach (var c in span)
            {
                if (!Rfc822Syntax.IsWhiteSpace(c)) sb.Append(c);
            }
            return sb.ToString().ToLowerInvariant();
        }
        return span.ToString().ToLowerInvariant();
    }

    private static string ReadQuoted(ReadOnlySpan<char> s, ref int i)
    {
        var sb = new StringBuilder();
        for (i++; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                return sb.ToString();
            }
            // Only \" and \\ are unescaped: Windows paths such as "C:\dir\file.txt" arrive with bare backslashes.
            if (c == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\') c = s[++i];
            if (c is not ('\r' or '\n')) sb.Append(c);
        }
        // No closing quote: the value runs to the end.
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// An unquoted value runs to ';'. Blanks stay inside it (<c>name=my file.pdf</c>) unless what follows looks like
    /// the next parameter (<c>charset=us-ascii format=flowed</c>) or a trailing comment (<c>us-ascii (Plain text)</c>).
    /// </summary>
    private static string ReadUnquoted(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        var end = i;
        while (i < s.Length && s[i] != ';')
        {
            var c = s[i];
            if (Rfc822Syntax.IsWhiteSpace(c))
            {
                var next = i;
                while (next < s.Length && Rfc822Syntax.IsWhiteSpace(s[next])) next++;
                if (next >= s.Length || s[next] == ';' || LooksLikeAttribute(s, next))
                {
                    i = next;
                    break;
                }
                if (s[next] == '(' && IsTrailingComment(s, next))
                {
                    i = Rfc822Syntax.SkipComment(s, next);
                    break;
                }
                i = next;
                continue;
            }
            if (c == '(' && i > start && IsTrailingComment(s, i))
            {
                i = Rfc822Syntax.SkipComment(s, i);
                break;
            }
            i++;
            end = i;
        }
        return s[start..end].ToString();
    }

    private static bool IsTrailingComment(ReadOnlySpan<char> s, int open)
    {
        var after = Rfc822Syntax.SkipComment(s, open);
        while (after < s.Length && Rfc822Syntax.IsWhiteSpace(s[after])) after++;
        return after >= s.Length || s[after] == ';' || LooksLikeAttribute(s, after);
    }

    // "token=" (optionally with blanks before '='): the start of a parameter.
    private static bool LooksLikeAttribute(ReadOnlySpan<char> s, int i)
    {
        var start = i;
        while (i < s.Length && IsAttributeChar(s[i])) i++;
        if (i == start) return false;
        while (i < s.Length && s[i] is ' ' or '\t') i++;
        return i < s.Length && s[i] == '=';
    }

    private static bool IsAttributeChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*' or '.' or '!' or '#' or '$' or '%' or '&' or '+' or '^' or '`' or '|' or '~';

    private static int SkipPast(ReadOnlySpan<char> s, int i, char stop)
    {
        var at = s[i..].IndexOf(stop);
        return at < 0 ? s.Length : i + at + 1;
    }

    /// <summary>Everything seen for one parameter name, assembled once all of the header has been read.</summary>
    private sealed class ParameterSlot
    {
        private List<(int Section, string Value, bool Encoded)>? _sections;

        public string? Plain { get; set; }

        public string? Extended { get; set; }

        public void AddSection(int section, string value, bool encoded)
        {
            _sections ??= [];
            foreach (var existing in _sections)
            {
                if (existing.Section == section) return; // first wins
            }
            _sections.Add((section, value, encoded));
        }

        public string Build(bool decodeWords)
        {
            if (_sections is { Count: > 0 }) return BuildSections(_sections);
            if (Extended is not null) return DecodeExtended([(0, Extended, true)]);
            if (Plain is null) return string.Empty;
            return decodeWords ? EncodedWords.DecodeText(Plain) : Plain;
        }

        private static string BuildSections(List<(int Section, string Value, bool Encoded)> sections)
        {
            // Out-of-order sections are put in order; gaps are tolerated.
            sections.Sort(static (a, b) => a.Section.CompareTo(b.Section));
            var anyEncoded = false;
            foreach (var section in sections) anyEncoded |= section.Encoded;
            if (anyEncoded) return DecodeExtended(sections);

            var sb = new StringBuilder();
            foreach (var section in sections) sb.Append(section.Value);
            return EncodedWords.DecodeText(sb.ToString());
        }

        private static string DecodeExtended(List<(int Section, string Value, bool Encoded)> sections)
        {
            // The charset and language prefix belongs to the first section only.
            string? charset = null;
            var first = sections[0];
            var firstValue = first.Value.AsSpan();
            if (first.Encoded)
            {
                var q1 = firstValue.IndexOf('\'');
                var q2 = q1 < 0 ? -1 : firstValue[(q1 + 1)..].IndexOf('\'');
                if (q2 >= 0)
                {
                    charset = firstValue[..q1].ToString();
                    firstValue = firstValue[(q1 + 1 + q2 + 1)..];
                }
            }

            var encoding = Charsets.Resolve(charset);
            var bytes = new PooledByteBuffer(64);
            try
            {
                for (var n = 0; n < sections.Count; n++)
                {
                    var text = n == 0 ? firstValue : sections[n].Value.AsSpan();
                    AppendOctets(text, sections[n].Encoded, ref bytes, encoding);
                }
                var decoded = Charsets.DecodeWith(bytes.Written, encoding);
                // Some senders put RFC 2047 words inside RFC 2231 sections.
                return EncodedWords.DecodeText(decoded);
            }
            finally
            {
                bytes.Dispose();
            }
        }

        private static void AppendOctets(ReadOnlySpan<char> text, bool percentEncoded, ref PooledByteBuffer bytes, Encoding? encoding)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (percentEncoded && c == '%' && Octets.TryReadHexEscape(text, i, out var octet))
                {
                    bytes.Append(octet);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes.Append((byte)c);
                }
                else
                {
                    i += bytes.AppendChar(text[i..], encoding) - 1;
                }
            }
        }
    }
}
