using System.Collections.Frozen;

namespace Triage.Mime.Tnef;

/// <summary>Guesses a media type from a file extension when TNEF carries no PR_ATTACH_MIME_TAG.</summary>
internal static class MediaTypes
{
    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".htm"] = "text/html",
        [".html"] = "text/html",
        [".csv"] = "text/csv",
        [".xml"] = "text/xml",
        [".rtf"] = "application/rtf",
        [".ics"] = "text/calendar",
        [".vcf"] = "text/vcard",
        [".eml"] = "message/rfc822",
        [".msg"] = "application/vnd.ms-outlook",
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".dot"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".7z"] = "application/x-7z-compressed",
        [".json"] = "application/json",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".svg"] = "image/svg+xml",
        [".mp3"] = "audio/mpeg",
        [".wav"] = "audio/wav",
        [".mp4"] = "video/mp4",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? FromFileName(string? fileName)
    {
        var extension = Path.GetExtension(fileName);
        return !string.IsNullOrEmpty(extension) && ByExtension.TryGetValue(extension, out var type) ? type : null;
    }
}
