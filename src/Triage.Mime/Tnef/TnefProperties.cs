using System.Buffers.Binary;
using System.Text;

namespace Triage.Mime.Tnef;

/// <summary>
/// Reads the MAPI property list carried by attAttachment (MS-OXTNEF 2.1.3.4): a count, then for each property its
/// type and id, a name for named properties, and its values. Variable-length values and multi-valued properties
/// carry a value count; every value is padded to 4 bytes.
/// </summary>
internal static class TnefProperties
{
    private const ushort MultiValued = 0x1000;
    private const ushort FirstNamedId = 0x8000;

    private const ushort PtObject = 0x000D;
    private const ushort PtString8 = 0x001E;
    private const ushort PtUnicode = 0x001F;
    private const ushort PtBinary = 0x0102;

    private const ushort PrDisplayName = 0x3001;
    private const ushort PrAttachDataBin = 0x3701;   // PR_ATTACH_DATA_OBJ when typed PT_OBJECT
    private const ushort PrAttachFilename = 0x3704;
    private const ushort PrAttachMethod = 0x3705;
    private const ushort PrAttachLongFilename = 0x3707;
    private const ushort PrAttachMimeTag = 0x370E;

    private const int AttachEmbeddedMessage = 5;
    private const int IidSize = 16;

    /// <summary>Applies the properties it knows to <paramref name="target"/>; returns why it stopped early, or null.</summary>
    public static string? Read(ReadOnlySpan<byte> props, AttachmentBuilder target, Encoding ansi)
    {
        var r = new SpanReader(props);
        if (!r.TryUInt32(out uint count)) return "truncated property count";

        // Every property takes at least 4 bytes, so a bogus count cannot make this loop outrun the data.
        for (uint n = 0; n < count; n++)
        {
            if (!r.TryUInt16(out ushort type) || !r.TryUInt16(out ushort id)) return "truncated property tag";
            if (id >= FirstNamedId && !SkipName(ref r)) return "truncated property name";

            bool multi = (type & MultiValued) != 0;
            ushort baseType = (ushort)(type & ~MultiValued);
            int fixedSize = FixedSize(baseType);
            bool variable = fixedSize < 0 && IsVariable(baseType);
            if (fixedSize < 0 && !variable) return $"unknown property type 0x{type:X4}";

            uint values = 1;
            if ((multi || variable) && !r.TryUInt32(out values)) return "truncated value count";

            if (!variable)
            {
                if ((ulong)values * (uint)fixedSize > (ulong)r.Remaining) return "truncated property value";
                if (id == PrAttachMethod && !multi && values == 1 && r.Remaining >= 4)
                    target.IsEmbeddedMessage = BinaryPrimitives.ReadInt32LittleEndian(r.Peek(4)) == AttachEmbeddedMessage;
                r.Skip((int)(values * (uint)fixedSize));
                continue;
            }

            for (uint v = 0; v < values; v++)
            {
                if (!r.TryUInt32(out uint size) || size > (uint)r.Remaining) return "truncated property value";
                var value = r.Take((int)size);
                r.Skip(Math.Min(r.Remaining, (int)(-size & 3)));
                if (v == 0 && !multi) Apply(id, baseType, value, target, ansi);
            }
        }

        return null;
    }

    private static void Apply(ushort id, ushort type, ReadOnlySpan<byte> value, AttachmentBuilder target, Encoding ansi)
    {
        switch (id)
        {
            case PrAttachDataBin when type == PtBinary:
                target.DataProperty = value.ToArray();
                break;
            case PrAttachDataBin when type == PtObject:
                // PT_OBJECT values start with the interface id of the object; the content follows it.
                target.DataProperty = value.Length >= IidSize ? value[IidSize..].ToArray() : [];
                break;
            case PrAttachLongFilename:
                target.LongFileName = Text(type, value, ansi);
                break;
            case PrAttachFilename:
                target.FileName = Text(type, value, ansi);
                break;
            case PrDisplayName:
                target.DisplayName = Text(type, value, ansi);
                break;
            case PrAttachMimeTag:
                target.MimeTag = Text(type, value, ansi);
                break;
        }
    }

    private static string? Text(ushort type, ReadOnlySpan<byte> value, Encoding ansi) => type switch
    {
        PtUnicode => TnefStrings.Unicode(value),
        PtString8 or PtBinary => TnefStrings.Ansi(value, ansi),
        _ => null,
    };

    private static bool SkipName(ref SpanReader r)
    {
        // GUID, then kind 0 (numeric id) or 1 (UTF-16 name with a byte length, padded to 4).
        if (!r.TrySkip(16) || !r.TryUInt32(out uint kind)) return false;
        if (kind == 0) return r.TrySkip(4);
        if (!r.TryUInt32(out uint nameLength) || nameLength > (uint)r.Remaining) return false;
        r.Skip((int)nameLength);
        r.Skip(Math.Min(r.Remaining, (int)(-nameLength & 3)));
        return true;
    }

    /// <summary>Size of one value of a fixed-size type, padded to 4 bytes; -1 for other types.</summary>
    private static int FixedSize(ushort type) => type switch
    {
        0x0002 or 0x0003 or 0x0004 or 0x000A or 0x000B => 4,     // I2, I4, R4, ERROR, BOOLEAN
        0x0005 or 0x0006 or 0x0007 or 0x0014 or 0x0040 => 8,     // R8, CURRENCY, APPTIME, I8, SYSTIME
        0x0048 => 16,                                            // CLSID
        _ => -1,
    };

    private static bool IsVariable(ushort type) =>
        type is PtObject or PtString8 or PtUnicode or PtBinary
            or 0x00FB or 0x00FD or 0x00FE;                       // SVREID, RESTRICTION, RULEACTION

    /// <summary>Bounds-checked little-endian reader over a span.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public readonly int Remaining => _data.Length - _pos;

        public readonly ReadOnlySpan<byte> Peek(int length) => _data.Slice(_pos, length);

        public ReadOnlySpan<byte> Take(int length)
        {
            var s = _data.Slice(_pos, length);
            _pos += length;
            return s;
        }

        public void Skip(int length) => _pos += length;

        public bool TrySkip(int length)
        {
            if (Remaining < length) return false;
            _pos += length;
            return true;
        }

        public bool TryUInt16(out ushort value)
        {
            value = 0;
            if (Remaining < 2) return false;
            value = BinaryPrimitives.ReadUInt16LittleEndian(_data[_pos..]);
            _pos += 2;
            return true;
        }

        public bool TryUInt32(out uint value)
        {
            value = 0;
            if (Remaining < 4) return false;
            value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_pos..]);
            _pos += 4;
            return true;
        }
    }
}
