using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace Triage.Mime.Decoding;

/// <summary>
/// Charset names as real mail spells them, mapped to .NET encodings, and the byte-to-text policy for mail content.
/// </summary>
/// <remarks>
/// Decoding policy (<see cref="Decode(ReadOnlySpan{byte}, string?)"/>), chosen to match what good mail clients show:
/// <list type="bullet">
/// <item>Known charset: decode with it. Labels <c>iso-8859-1</c>/<c>latin1</c> decode as windows-1252 (a superset whose
/// extra characters, such as € and curly quotes, are what senders mean by bytes 0x80–0x9F), as browsers and mail clients do.</item>
/// <item><c>us-ascii</c>, unknown or missing charset with 8-bit bytes: UTF-8 if the bytes are valid UTF-8, else windows-1252.</item>
/// <item>Declared UTF-8 but invalid: the valid UTF-8 is kept and each invalid byte is read as windows-1252.</item>
/// <item>UTF-16/32 with a byte order mark: the mark wins over the label and is dropped.</item>
/// <item>Never throws, and never returns an empty string for non-empty input.</item>
/// </list>
/// </remarks>
internal static class Charsets
{
    private const int MaxCachedNames = 512;

    // Pseudo code pages in the alias table.
    private const int Unknown = 0;
    private const int Utf7CodePage = 65000;

    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Encoding?>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, int> Aliases = BuildAliases();

    /// <summary>UTF-8 without a BOM and with replacement (not exception) fallback.</summary>
    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>windows-1252; reading it also registers <see cref="CodePagesEncodingProvider"/> for the whole process.</summary>
    public static Encoding Windows1252 { get; } = RegisterProviderAndGet1252();

    // windows-1252 as a table, for decoding single stray bytes inside UTF-8 without allocating.
    private static readonly char[] Windows1252Chars = BuildByteTable(Windows1252);

    private static readonly SearchValues<char> NameTrim = SearchValues.Create(" \t\r\n\"';");

    /// <summary>The encoding for a charset label, or null when it is unknown or means "unknown" (<c>x-unknown</c>, <c>unknown-8bit</c>).</summary>
    public static Encoding? Resolve(string? charsetName) => charsetName is null ? null : Resolve(charsetName.AsSpan());

    /// <inheritdoc cref="Resolve(string?)"/>
    public static Encoding? Resolve(ReadOnlySpan<char> charsetName)
    {
        var name = TrimName(charsetName);
        if (name.IsEmpty) return null;
        if (CacheBySpan.TryGetValue(name, out var cached)) return cached;

        var key = name.ToString().ToLowerInvariant();
        var encoding = Lookup(key);
        // Bounded so that a stream of made-up names cannot grow the cache without limit.
        if (Cache.Count < MaxCachedNames) Cache.TryAdd(key, encoding);
        return encoding;
    }

    /// <summary>Decodes body or parameter bytes declared in <paramref name="charsetName"/>; see the class remarks for the policy.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charsetName) =>
        bytes.IsEmpty ? string.Empty : DecodeWith(bytes, Resolve(charsetName));

    /// <summary>
    /// <see cref="Decode(ReadOnlySpan{byte}, string?)"/> for an already resolved charset (null = unknown). A separate
    /// name so that <c>Decode(bytes, null)</c> stays unambiguous for callers.
    /// </summary>
    public static string DecodeWith(ReadOnlySpan<byte> bytes, Encoding? encoding)
    {
        if (bytes.IsEmpty) return string.Empty;
        var codePage = encoding?.CodePage ?? Unknown;
        if (IsAsciiTransparent(codePage) && Ascii.IsValid(bytes)) return Encoding.ASCII.GetString(bytes);

        switch (codePage)
        {
            case Unknown or 20127:
                return Utf8.IsValid(bytes) ? DecodeUtf8(bytes) : Windows1252.GetString(bytes);
            case 65001:
                return Utf8.IsValid(bytes) ? DecodeUtf8(bytes) : DecodeUtf8Lenient(bytes);
            case 1200 or 1201 or 12000 or 12001:
                return DecodeUnicodeWithBom(bytes, encoding!);
        }

        var text = codePage == Utf7CodePage ? Utf7Encoding.DecodeToString(bytes) : encoding!.GetString(bytes);
        // Stateful encodings (ISO-2022-*, UTF-7) can turn input made only of shifts or escapes ("+A") into nothing.
        return text.Length > 0 ? text : DecodeWith(bytes, null);
    }

    /// <summary>
    /// Decodes raw header bytes (RFC 6532 allows UTF-8 in headers): ASCII fast path, UTF-8 when valid, else
    /// <paramref name="fallbackCharset"/> or windows-1252. Encoded words are left for <see cref="EncodedWords"/>.
    /// </summary>
    public static string DecodeHeader(ReadOnlySpan<byte> raw, string? fallbackCharset = null)
    {
        if (Ascii.IsValid(raw)) return Encoding.ASCII.GetString(raw);
        if (Utf8.IsValid(raw)) return Utf8NoBom.GetString(raw);
        var fallback = Resolve(fallbackCharset);
        // A fallback such as UTF-16 cannot describe header bytes; ignore it rather than produce garbage.
        return DecodeWith(raw, fallback is not null && IsAsciiTransparent(fallback.CodePage) ? fallback : Windows1252);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // A leading BOM is a file artifact, not text (kept when it is all there is, so the result is never empty).
        if (bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];
        return Utf8NoBom.GetString(bytes);
    }

    private static string DecodeUtf8Lenient(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 never needs more chars than UTF-8 has bytes, and a stray byte becomes exactly one char.
        var rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var dest = rented.AsSpan(0, bytes.Length);
            var written = 0;
            while (!bytes.IsEmpty)
            {
                var status = Utf8.ToUtf16(bytes, dest[written..], out var read, out var count, replaceInvalidSequences: false);
                written += count;
                bytes = bytes[read..];
                if (status == OperationStatus.Done || bytes.IsEmpty) break;
                dest[written++] = Windows1252Chars[bytes[0]];
                bytes = bytes[1..];
            }
            return new string(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static string DecodeUnicodeWithBom(ReadOnlySpan<byte> bytes, Encoding declared)
    {
        Encoding encoding = declared;
        var skip = 0;
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
        {
            (encoding, skip) = (Encoding.UTF32, 4);
        }
        else if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
        {
            (encoding, skip) = (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            (encoding, skip) = (Encoding.Unicode, 2);
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            (encoding, skip) = (Encoding.BigEndianUnicode, 2);
        }

        if (skip == bytes.Length) skip = 0;
        var text = encoding.GetString(bytes[skip..]);
        return text.Length > 0 ? text : "\uFFFD";
    }

    // Encodings in which ASCII bytes always mean ASCII characters (so pure-ASCII input can skip the real decoder).
    private static bool IsAsciiTransparent(int codePage) =>
        codePage is not (Utf7CodePage or 1200 or 1201 or 12000 or 12001 or 50220 or 50221 or 50222 or 50225 or 50227 or 52936);

    private static ReadOnlySpan<char> TrimName(ReadOnlySpan<char> name)
    {
        var start = 0;
        while (start < name.Length && NameTrim.Contains(name[start])) start++;
        var end = name.Length;
        while (end > start && NameTrim.Contains(name[end - 1])) end--;
        return name[start..end];
    }

    private static Encoding? Lookup(string name)
    {
        if (Aliases.TryGetValue(name, out var codePage)) return FromCodePage(codePage);
        if (TryParseFamily(name, out codePage)) return FromCodePage(codePage);
        // Names .NET itself knows: windows-125x, ibm850, koi8-r, x-mac-*, euc-jp, big5…
        var known = CodePagesEncodingProvider.Instance.GetEncoding(name);
        if (known is not null) return known;
        return name.StartsWith("x-", StringComparison.Ordinal) && name.Length > 2 ? Lookup(name[2..]) : null;
    }

    private static Encoding? FromCodePage(int codePage) => codePage switch
    {
        Unknown => null,
        65001 => Utf8NoBom,
        Utf7CodePage => Utf7Encoding.Instance,
        20127 => Encoding.ASCII,
        28591 => Windows1252,
        1200 => Encoding.Unicode,
        1201 => Encoding.BigEndianUnicode,
        12000 => Encoding.UTF32,
        12001 => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
        _ => CodePagesEncodingProvider.Instance.GetEncoding(codePage),
    };

    // Families written many ways: iso-8859-N (iso8859_N, iso_8859-N:1987, iso-8859-8-i) and cpNNNN/windows-NNNN/ibmNNN.
    private static bool TryParseFamily(string name, out int codePage)
    {
        codePage = Unknown;
        var s = name.AsSpan();
        var at = s.IndexOf("8859", StringComparison.Ordinal);
        if (at >= 0 && (at == 0 || s.StartsWith("iso", StringComparison.Ordinal)))
        {
            var rest = s[(at + 4)..].TrimStart("-_ ");
            var part = ReadNumber(rest);
            codePage = part switch
            {
                1 => 28591,
                9 => 1254, // Turkish: windows-1254 is the superset clients use for this label.
                11 => 874,
                >= 2 and <= 8 or 13 or 15 => 28590 + part,
                _ => Unknown,
            };
            return codePage != Unknown;
        }

        ReadOnlySpan<string> prefixes = ["windows-", "windows", "win-", "win", "cp-", "cp_", "cp", "ms-", "ms", "ibm-", "ibm"];
        foreach (var prefix in prefixes)
        {
            if (!s.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var digits = s[prefix.Length..];
            if (digits.IsEmpty || digits.Length > 5 || !IsAllDigits(digits)) continue;
            codePage = ReadNumber(digits);
            return codePage != Unknown;
        }
        return false;
    }

    private static int ReadNumber(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length && i < 6 && char.IsAsciiDigit(s[i]); i++) n = n * 10 + (s[i] - '0');
        return n;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');

    private static Encoding RegisterProviderAndGet1252()
    {
        // Registered for the process so that Encoding.GetEncoding elsewhere also knows the legacy code pages.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    }

    private static char[] BuildByteTable(Encoding encoding)
    {
        Span<byte> all = stackalloc byte[256];
        for (var i = 0; i < all.Length; i++) all[i] = (byte)i;
        var chars = new char[256];
        encoding.GetChars(all, chars);
        return chars;
    }

    private static Dictionary<string, int> BuildAliases()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int codePage, params ReadOnlySpan<string> names)
        {
            foreach (var name in names) map[name] = codePage;
        }

        Add(Unknown, "x-unknown", "unknown-8bit", "unknown", "x-user-defined", "default", "none", "7bit", "8bit", "binary", "charset", "x-binaryenc");
        Add(65001, "utf8", "utf-8", "utf_8", "utf8mb4", "unicode-1-1-utf-8", "unicode-2-0-utf-8", "x-unicode20utf8", "unicode-utf-8");
        Add(Utf7CodePage, "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "csunicode11utf7", "x-unicode-2-0-utf-7");
        Add(20127, "us-ascii", "ascii", "us", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso646-us", "iso_646.irv:1991", "iso-ir-6",
            "cp367", "ibm367", "csascii", "646", "iso-646");
        Add(28591, "latin1", "latin-1", "l1", "iso-latin-1", "cp819", "ibm819", "csisolatin1", "iso-ir-100");
        Add(28592, "latin2", "latin-2", "l2", "csisolatin2");
        Add(28605, "latin9", "latin-9", "l9");
        // RFC 2781: UTF-16 without a byte order mark is big-endian; "unicode"/"ucs-2" labels come from Windows and mean little-endian.
        Add(1201, "utf-16", "utf16", "utf-16be", "iso-10646-ucs-2", "unicodefffe");
        Add(1200, "utf-16le", "ucs-2", "ucs2", "unicode", "csunicode");
        Add(12001, "utf-32", "utf32", "utf-32be");
        Add(12000, "utf-32le");
        Add(949, "ks_c_5601-1987", "ks_c_5601-1989", "ks_c_5601", "ks_c_5601_1987", "ksc5601", "ksc_5601", "korean",
            "csksc56011987", "euc-kr", "euckr", "cseuckr", "uhc", "windows-949");
        Add(936, "gb2312", "csgb2312", "gb_2312-80", "gb2312-80", "gb_2312", "gbk", "euc-cn", "euccn", "chinese", "cp936", "ms936", "windows-936");
        Add(54936, "gb18030", "gb-18030");
        Add(52936, "hz-gb-2312", "hz");
        Add(950, "big5", "big-5", "csbig5", "cn-big5", "x-x-big5", "big5-hkscs");
        Add(932, "shift_jis", "shift-jis", "sjis", "s-jis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932");
        Add(51932, "euc-jp", "eucjp", "cseucpkdfmtjapanese");
        Add(50220, "iso-2022-jp", "csiso2022jp", "jis", "iso-2022-jp-1", "iso-2022-jp-2");
        Add(50225, "iso-2022-kr", "csiso2022kr");
        Add(20866, "koi8-r", "koi8r", "koi8", "cskoi8r");
        Add(21866, "koi8-u", "koi8u", "koi8-ru");
        Add(874, "tis-620", "tis620", "windows-874", "dos-874");
        Add(10000, "macintosh", "mac", "macroman", "x-mac-roman", "csmacintosh");
        return map;
    }
}
