namespace Triage.Mime.Decoding;

// STUB: replaced by the decoding work.
internal static class EncodedWords
{
    public static string DecodeText(string value) => value;

    public static string DecodePhrase(string value) => value;
}
