using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Triage.Mime.Tests.Tnef;

/// <summary>Writes small TNEF streams for tests: attribute records with checksums and MAPI property lists.</summary>
internal sealed class TnefBuilder
{
    public const byte Message = 1;
    public const byte Attachment = 2;

    public const uint AttAttachData = 0x0006800F;
    public const uint AttAttachTitle = 0x00018010;
    public const uint AttAttachRenddata = 0x00069002;
    public const uint AttAttachment = 0x00069005;
    public const uint AttOemCodepage = 0x00069007;
    public const uint AttTnefVersion = 0x00089006;

    private readonly ArrayBufferWriter<byte> _stream = new();

    public TnefBuilder(uint signature = 0x223E9F78)
    {
        WriteUInt32(_stream, signature);
        WriteUInt16(_stream, 0x0001);
    }

    public TnefBuilder Attribute(byte level, uint id, byte[] data)
    {
        _stream.Write([level]);
        WriteUInt32(_stream, id);
        WriteUInt32(_stream, (uint)data.Length);
        _stream.Write(data);
        ushort checksum = 0;
        foreach (var b in data) checksum += b;
        WriteUInt16(_stream, checksum);
        return this;
    }

    public TnefBuilder Renddata() => Attribute(Attachment, AttAttachRenddata, new byte[14]);

    public TnefBuilder Title(string name) => Attribute(Attachment, AttAttachTitle, [.. Encoding.Latin1.GetBytes(name), 0]);

    public TnefBuilder Data(byte[] content) => Attribute(Attachment, AttAttachData, content);

    public TnefBuilder Properties(Action<PropertyList> build)
    {
        var list = new PropertyList();
        build(list);
        return Attribute(Attachment, AttAttachment, list.ToArray());
    }

    public byte[] ToArray() => _stream.WrittenSpan.ToArray();

    internal sealed class PropertyList
    {
        private readonly ArrayBufferWriter<byte> _body = new();
        private uint _count;

        public PropertyList Unicode(ushort id, string value) =>
            Variable(0x001F, id, [.. Encoding.Unicode.GetBytes(value), 0, 0]);

        public PropertyList Ansi(ushort id, string value) => Variable(0x001E, id, [.. Encoding.Latin1.GetBytes(value), 0]);

        public PropertyList Binary(ushort id, byte[] value) => Variable(0x0102, id, value);

        public PropertyList Object(ushort id, byte[] content) => Variable(0x000D, id, [.. new byte[16], .. content]);

        public PropertyList Long(ushort id, int value)
        {
            Tag(0x0003, id);
            WriteUInt32(_body, (uint)value);
            return this;
        }

        public PropertyList Boolean(ushort id, bool value)
        {
            Tag(0x000B, id);
            WriteUInt32(_body, value ? 1u : 0u);   // 2 bytes of value, 2 of padding
            return this;
        }

        /// <summary>A multi-valued PT_MV_UNICODE property: values are padded to 4 bytes each.</summary>
        public PropertyList MultiUnicode(ushort id, params string[] values)
        {
            Tag(0x101F, id);
            WriteUInt32(_body, (uint)values.Length);
            foreach (var v in values) Value([.. Encoding.Unicode.GetBytes(v), 0, 0]);
            return this;
        }

        /// <summary>A named property (string name) holding a PT_STRING8 value.</summary>
        public PropertyList NamedAnsi(string name, string value)
        {
            Tag(0x001E, 0x8001);
            _body.Write(new byte[16]);
            WriteUInt32(_body, 1);
            var bytes = Encoding.Unicode.GetBytes(name + "\0");
            WriteUInt32(_body, (uint)bytes.Length);
            _body.Write(bytes);
            Pad(bytes.Length);
            WriteUInt32(_body, 1);
            Value([.. Encoding.Latin1.GetBytes(value), 0]);
            return this;
        }

        public byte[] ToArray()
        {
            var result = new ArrayBufferWriter<byte>();
            WriteUInt32(result, _count);
            result.Write(_body.WrittenSpan);
            return result.WrittenSpan.ToArray();
        }

        private PropertyList Variable(ushort type, ushort id, byte[] value)
        {
            Tag(type, id);
            WriteUInt32(_body, 1);
            Value(value);
            return this;
        }

        private void Tag(ushort type, ushort id)
        {
            WriteUInt16(_body, type);
            WriteUInt16(_body, id);
            _count++;
        }

        private void Value(byte[] value)
        {
            WriteUInt32(_body, (uint)value.Length);
            _body.Write(value);
            Pad(value.Length);
        }

        private void Pad(int length)
        {
            for (int k = length; k % 4 != 0; k++) _body.Write([(byte)0]);
        }
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write<byte>(b);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write<byte>(b);
    }
}
