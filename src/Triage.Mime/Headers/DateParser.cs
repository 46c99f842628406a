using System.Globalization;

namespace Triage.Mime.Headers;

// STUB: replaced by the header-field work.
internal static class DateParser
{
    public static bool TryParse(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
