using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Triage.Mime.Tnef;

/// <summary>An attachment recovered from a winmail.dat (TNEF) part.</summary>
public sealed record TnefAttachment(string? FileName, string ContentType, byte[] Content);

/// <summary>
/// Extracts the attachments of a TNEF stream (MS-OXTNEF): signature, legacy key, then attribute records
/// (level, id, length, data, checksum). Every length is checked against the bytes that remain before it is
/// used, so damaged input costs linear time and returns whatever was recovered, with <c>error</c> saying why it stopped.
/// </summary>
internal static class TnefReader
{
    private const uint Signature = 0x223E9F78;
    private const int StreamHeaderSize = 6;      // signature + legacy key
    private const int AttributeHeaderSize = 9;   // level + id + length
    private const byte LevelMessage = 1;
    private const byte LevelAttachment = 2;

    // Attribute ids: the low word identifies the attribute, the high word repeats its type, which some writers get wrong.
    private const ushort AttAttachData = 0x800F;
    private const ushort AttAttachTitle = 0x8010;
    private const ushort AttAttachRenddata = 0x9002;
    private const ushort AttAttachment = 0x9005;
    private const ushort AttOemCodepage = 0x9007;

    private static readonly SearchValues<char> NotInSubtype = SearchValues.Create(" \t;/");

    public static IReadOnlyList<TnefAttachment> ReadAttachments(ReadOnlySpan<byte> data, out string? error)
    {
        error = null;
        var attachments = new List<TnefAttachment>();
        if (data.Length < StreamHeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(data) != Signature)
        {
            error = "not a TNEF stream: missing signature 0x223E9F78";
            return attachments;
        }

        var ansi = TnefStrings.DefaultAnsi;
        AttachmentBuilder? current = null;
        int pos = StreamHeaderSize;
        while (pos < data.Length)
        {
            if (data.Length - pos < AttributeHeaderSize)
            {
                error = $"truncated attribute header at offset {pos}";
                break;
            }

            byte level = data[pos];
            ushort id = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 1)..]);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 5)..]);
            if (level is not (LevelMessage or LevelAttachment))
            {
                error = $"invalid attribute level {level} at offset {pos}";
                break;
            }

            int valueStart = pos + AttributeHeaderSize;
            if (length > (uint)(data.Length - valueStart))
            {
                error = $"attribute 0x{id:X4} at offset {pos} claims {length} bytes but only {data.Length - valueStart} remain";
                break;
            }

            var value = data.Slice(valueStart, (int)length);
            pos = valueStart + (int)length;
            // The checksum is not verified: a wrong one is a writer bug, and the data is still the best we have.
            pos = Math.Min(data.Length, pos + 2);

            switch (id)
            {
                case AttOemCodepage when level == LevelMessage && value.Length >= 4:
                    ansi = TnefStrings.ForCodepage(BinaryPrimitives.ReadUInt32LittleEndian(value));
                    break;
                case AttAttachRenddata:
                    Complete(current, attachments);
                    current = new AttachmentBuilder();
                    break;
                case AttAttachTitle when level == LevelAttachment:
                    (current ??= new AttachmentBuilder()).Title = TnefStrings.Ansi(value, ansi);
                    break;
                case AttAttachData when level == LevelAttachment:
                    (current ??= new AttachmentBuilder()).AttachData = value.ToArray();
                    break;
                case AttAttachment when level == LevelAttachment:
                    current ??= new AttachmentBuilder();
                    var propertyError = TnefProperties.Read(value, current, ansi);
                    error ??= propertyError is null ? null : $"attachment properties at offset {valueStart}: {propertyError}";
                    break;
            }
        }

        Complete(current, attachments);
        return attachments;
    }

    private static void Complete(AttachmentBuilder? builder, List<TnefAttachment> attachments)
    {
        // An attachment without any data (e.g. attached by reference) has nothing to extract.
        var content = builder?.DataProperty ?? builder?.AttachData;
        if (builder is null || content is null) return;

        var fileName = FirstNonEmpty(builder.LongFileName, builder.FileName, builder.Title, builder.DisplayName);
        attachments.Add(new TnefAttachment(fileName, ContentTypeOf(builder, fileName), content));
    }

    private static string ContentTypeOf(AttachmentBuilder builder, string? fileName)
    {
        var tag = builder.MimeTag?.Trim();
        if (tag is not null && IsMediaType(tag)) return tag.ToLowerInvariant();
        if (builder.IsEmbeddedMessage) return "application/ms-tnef";
        return MediaTypes.FromFileName(fileName) ?? "application/octet-stream";
    }

    private static bool IsMediaType(string value)
    {
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < value.Length - 1 && value.AsSpan(slash + 1).IndexOfAny(NotInSubtype) < 0;
    }

    private static string? FirstNonEmpty(params ReadOnlySpan<string?> values)
    {
        foreach (var v in values)
            if (!string.IsNullOrWhiteSpace(v)) return v;
        return null;
    }
}

/// <summary>What one attachment's attributes and MAPI properties said, gathered in stream order.</summary>
internal sealed class AttachmentBuilder
{
    public string? Title { get; set; }
    public string? LongFileName { get; set; }
    public string? FileName { get; set; }
    public string? DisplayName { get; set; }
    public string? MimeTag { get; set; }
    public bool IsEmbeddedMessage { get; set; }

    /// <summary>Content of attAttachData.</summary>
    public byte[]? AttachData { get; set; }

    /// <summary>Content of PR_ATTACH_DATA_BIN / PR_ATTACH_DATA_OBJ; preferred over attAttachData.</summary>
    public byte[]? DataProperty { get; set; }
}

internal static class TnefStrings
{
    public static Encoding DefaultAnsi { get; } = ForCodepage(1252);

    public static Encoding ForCodepage(uint codepage) => codepage switch
    {
        65001 => Encoding.UTF8,
        20127 => Encoding.ASCII,
        28591 => Encoding.Latin1,
        // The provider returns null (never throws) for code pages it does not know.
        <= ushort.MaxValue when CodePagesEncodingProvider.Instance.GetEncoding((int)codepage) is { } encoding => encoding,
        _ => Encoding.Latin1,
    };

    /// <summary>An 8-bit string, cut at its NUL terminator.</summary>
    public static string Ansi(ReadOnlySpan<byte> value, Encoding encoding)
    {
        int nul = value.IndexOf((byte)0);
        return encoding.GetString(nul < 0 ? value : value[..nul]);
    }

    /// <summary>A UTF-16LE string, cut at its NUL terminator; an odd trailing byte is ignored.</summary>
    public static string Unicode(ReadOnlySpan<byte> value)
    {
        value = value[..(value.Length & ~1)];
        for (int k = 0; k < value.Length; k += 2)
        {
            if (value[k] == 0 && value[k + 1] == 0)
            {
                value = value[..k];
                break;
            }
        }

        return Encoding.Unicode.GetString(value);
    }
}
