namespace Triage.TestServers;

/// <summary>Finds a server program from Debian's packages, or says how to get it.</summary>
public static class ServerBinary
{
    /// <summary>The first existing path among <paramref name="candidates"/>; otherwise a clear error naming the package.</summary>
    public static string Require(string package, params string[] candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{string.Join(" or ", candidates)} not found: this test needs Debian's {package}. Run ./run.sh servers (as root) to install every server the tests use.");
    }
}
