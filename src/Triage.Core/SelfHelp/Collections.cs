namespace Triage.Core.SelfHelp;

internal static class Collections
{
    /// <summary>The list under a key, added empty when missing.</summary>
    public static List<T> ListFor<T>(this Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists[key] = list;
        }

        return list;
    }
}
