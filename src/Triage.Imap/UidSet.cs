using System.Globalization;
using System.Text;

namespace Triage.Imap;

/// <summary>Formats UIDs as a compact IMAP sequence set (<c>1:5,8,10:12</c>).</summary>
public static class UidSet
{
    public static string Format(IEnumerable<uint> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        var sorted = uids.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A UID set needs at least one UID.", nameof(uids));
        }

        var text = new StringBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            var first = sorted[i];
            while (i + 1 < sorted.Length && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(first.ToString(CultureInfo.InvariantCulture));
            if (sorted[i] != first)
            {
                text.Append(':').Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>All UIDs from <paramref name="first"/> up (<c>n:*</c>). Note that servers answer with the highest UID when it is below n.</summary>
    public static string From(uint first) => first.ToString(CultureInfo.InvariantCulture) + ":*";
}
