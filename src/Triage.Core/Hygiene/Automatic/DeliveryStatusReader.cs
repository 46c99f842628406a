namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// Reads the per-recipient groups of a message/delivery-status part (RFC 3464 §2.3): the recipients whose Action is
/// <c>failed</c>; when none failed, those <c>delayed</c> (a delay warning is still about them). Delivered, relayed and
/// expanded recipients are never reported.
/// </summary>
internal static class DeliveryStatusReader
{
    public static List<string> FailedRecipients(string deliveryStatus)
    {
        var failed = new List<string>();
        var delayed = new List<string>();
        string? final = null, original = null, action = null, status = null;
        foreach (var line in Fields(deliveryStatus))
        {
            if (line.Length == 0)
            {
                Flush(failed, delayed, final, original, action, status);
                final = original = action = status = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Final-Recipient", StringComparison.OrdinalIgnoreCase))
            {
                if (final is not null)
                {
                    // A report without blank lines between recipients: a new Final-Recipient starts a new group.
                    Flush(failed, delayed, final, original, action, status);
                    original = action = status = null;
                }

                final = value;
            }
            else if (name.Equals("Original-Recipient", StringComparison.OrdinalIgnoreCase))
            {
                original = value;
            }
            else if (name.Equals("Action", StringComparison.OrdinalIgnoreCase))
            {
                action = value;
            }
            else if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = value;
            }
        }

        Flush(failed, delayed, final, original, action, status);
        return failed.Count > 0 ? failed : delayed;
    }

    private static void Flush(List<string> failed, List<string> delayed, string? final, string? original, string? action, string? status)
    {
        // Original-Recipient is the address as we wrote it, which is what the bounce must be matched against.
        var address = (original is null ? null : AddressScanner.FromField(original)) ?? (final is null ? null : AddressScanner.FromField(final));
        if (address is null)
        {
            return;
        }

        var verb = action is null ? null : FirstWord(action);
        var target = verb switch
        {
            "failed" => failed,
            "delayed" => delayed,
            null when status is null || !status.StartsWith('2') => failed,
            _ => null,
        };
        if (target is not null && !target.Exists(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase)))
        {
            target.Add(address);
        }
    }

    private static string FirstWord(string value)
    {
        var end = value.AsSpan().IndexOfAny([' ', '\t', ';', '(']);
        var word = end < 0 ? value : value[..end];
        return word.Equals("failure", StringComparison.OrdinalIgnoreCase) || word.Equals("failed", StringComparison.OrdinalIgnoreCase) ? "failed"
            : word.Equals("delayed", StringComparison.OrdinalIgnoreCase) ? "delayed"
            : "other";
    }

    /// <summary>Unfolded lines; blank lines come through as empty strings (they separate the groups).</summary>
    private static IEnumerable<string> Fields(string text)
    {
        string? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t' && pending is not null)
            {
                pending += " " + line.Trim();
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
            }

            pending = line.Trim().Length == 0 ? string.Empty : line;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }
}
