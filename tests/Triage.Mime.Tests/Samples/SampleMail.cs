using System.Text.Json;

namespace Triage.Mime.Tests.Samples;

/// <summary>The project's own sample mails (samples-mail/) and the expectations written with them in manifest.json.</summary>
public static class SampleMail
{
    public static string Folder { get; } = Locate();

    public static IReadOnlyList<JsonElement> Manifest { get; } = LoadManifest();

    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(Folder, file));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Manifest)
        {
            data.Add(entry.GetProperty("file").GetString()!);
        }

        return data;
    }

    public static JsonElement Expect(string file) =>
        Manifest.Single(e => e.GetProperty("file").GetString() == file).GetProperty("expect");

    private static List<JsonElement> LoadManifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "manifest.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Triage.sln")))
            {
                return Path.Combine(dir.FullName, "samples-mail");
            }
        }

        throw new DirectoryNotFoundException("samples-mail/ not found above " + AppContext.BaseDirectory);
    }
}
