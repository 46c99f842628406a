using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Triage.Classification;

/// <summary>A model file that cannot be used, with the reason in words an admin can act on.</summary>
public sealed class ModelFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One self-describing file per task: a text line <c>TRIAGE-MODEL &lt;format version&gt;</c>, then a gzip stream with
/// a JSON header (task, labels, featurizer and trainer settings, seed, training-data hash, metrics, creation time) and
/// the weights of the buckets the training data used. Writing is deterministic: the same model gives the same bytes.
/// </summary>
public static class ModelFile
{
    /// <summary>2 added the training algorithm and the language featurizer options; a version 1 file reads as version 2 with them off.</summary>
    public const int FormatVersion = 2;

    private const int OldestReadableVersion = 1;

    private static readonly byte[] Magic = "TRIAGE-MODEL "u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Save(TextClassifier classifier, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Magic);
        stream.Write(Encoding.ASCII.GetBytes($"{FormatVersion}\n"));
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        var header = JsonSerializer.SerializeToUtf8Bytes(classifier.Metadata, Json);
        writer.Write(header.Length);
        writer.Write(header);

        var model = classifier.Model;
        var used = UsedBuckets(model);
        writer.Write(model.Classes);
        writer.Write(model.Buckets);
        writer.Write(model.Temperature);
        foreach (var b in model.Bias)
        {
            writer.Write(b);
        }

        writer.Write(used.Count);
        var previous = 0;
        foreach (var bucket in used)
        {
            writer.Write7BitEncodedInt(bucket - previous);
            previous = bucket;
            writer.Write(classifier.Idf[bucket]);
            for (var c = 0; c < model.Classes; c++)
            {
                writer.Write(model.Weights[(bucket * model.Classes) + c]);
            }
        }
    }

    public static void Save(TextClassifier classifier, string path)
    {
        using var file = File.Create(path);
        Save(classifier, file);
    }

    public static TextClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = File.OpenRead(path);
            return Load(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"cannot read model file {path}: {e.Message}", e);
        }
    }

    public static TextClassifier Load(Stream stream, string name = "model")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var version = ReadVersionLine(stream, name);
        if (version is < OldestReadableVersion or > FormatVersion)
        {
            throw new ModelFileException($"{name} has model format version {version}; this build of Triage reads versions {OldestReadableVersion} to {FormatVersion}. Retrain it with 'triage train'.");
        }

        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
            var headerLength = reader.ReadInt32();
            if (headerLength is < 2 or > 16 * 1024 * 1024)
            {
                throw new ModelFileException($"{name} is damaged: implausible header length {headerLength}");
            }

            var metadata = JsonSerializer.Deserialize<ModelMetadata>(reader.ReadBytes(headerLength), Json);
            if (metadata?.Labels is null || metadata.Featurizer is null || metadata.Labels.Any(l => l is null))
            {
                throw new ModelFileException($"{name} is damaged: its header lacks labels or featurizer settings");
            }

            metadata.Featurizer.Validate();
            var classes = reader.ReadInt32();
            var buckets = reader.ReadInt32();
            if (classes != metadata.Labels.Count || buckets != metadata.Featurizer.BucketCount || classes is < 2 or > 1000 || (long)classes * buckets > 1L << 28)
            {
                throw new ModelFileException($"{name} is damaged: {classes} classes and {buckets} buckets do not match its header");
            }

            var temperature = reader.ReadSingle();
            var bias = new float[classes];
            for (var c = 0; c < classes; c++)
            {
                bias[c] = reader.ReadSingle();
            }

            var weights = new float[(long)classes * buckets];
            var idf = new float[buckets];
            var count = reader.ReadInt32();
            var bucket = 0;
            for (var i = 0; i < count; i++)
            {
                bucket += reader.Read7BitEncodedInt();
                if ((uint)bucket >= (uint)buckets)
                {
                    throw new ModelFileException($"{name} is damaged: bucket {bucket} out of range");
                }

                idf[bucket] = reader.ReadSingle();
                for (var c = 0; c < classes; c++)
                {
                    weights[(bucket * classes) + c] = reader.ReadSingle();
                }
            }

            return new TextClassifier(metadata, idf, new LinearModel(classes, buckets, weights, bias, temperature));
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or JsonException or ArgumentException
            or NotSupportedException or FormatException or OverflowException or DecoderFallbackException)
        {
            throw new ModelFileException($"{name} is damaged or not a Triage model ({e.Message})", e);
        }
    }

    private static int ReadVersionLine(Stream stream, string name)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new ModelFileException($"{name} is not a Triage model file (it does not start with 'TRIAGE-MODEL')");
        }

        var version = 0;
        for (var i = 0; i < 9; i++)
        {
            var b = stream.ReadByte();
            if (b == '\n')
            {
                return version;
            }

            if (b is < '0' or > '9')
            {
                break;
            }

            version = (version * 10) + (b - '0');
        }

        throw new ModelFileException($"{name} is not a Triage model file (no format version after 'TRIAGE-MODEL')");
    }

    private static List<int> UsedBuckets(LinearModel model)
    {
        var used = new List<int>();
        for (var bucket = 0; bucket < model.Buckets; bucket++)
        {
            var row = bucket * model.Classes;
            for (var c = 0; c < model.Classes; c++)
            {
                if (model.Weights[row + c] != 0f)
                {
                    used.Add(bucket);
                    break;
                }
            }
        }

        return used;
    }
}
