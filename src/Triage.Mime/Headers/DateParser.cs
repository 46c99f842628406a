using Triage.Mime.Decoding;

namespace Triage.Mime.Headers;

/// <summary>
/// RFC 5322 §3.3 date-time, keeping the header's own offset, plus the broken forms seen in the wild: missing or wrong
/// weekday, 2- and 3-digit years (§4.3), missing seconds, single-digit fields, named and military zones, comments,
/// dots or dashes as separators, numeric dates, asctime and ISO 8601. A single pass over the characters: no regex,
/// no exceptions. Fields are recognised by shape, not position; a missing zone means +00:00.
/// </summary>
internal static class DateParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    // Names that broken localised mailers write and that no English month name starts with (de, nl, sv/da/no, fr).
    private static readonly Dictionary<string, int> ForeignMonths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mär"] = 3, ["mrz"] = 3, ["mrt"] = 3, ["mars"] = 3, ["juni"] = 6, ["juli"] = 7, ["mai"] = 5, ["mei"] = 5, ["maj"] = 5, ["okt"] = 10, ["dez"] = 12, ["des"] = 12,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ForeignMonthsBySpan =
        ForeignMonths.GetAlternateLookup<ReadOnlySpan<char>>();

    // Offsets in minutes. RFC 5322 §4.3 names plus zones common in real headers; military letters are added below.
    private static readonly Dictionary<string, int> Zones = BuildZones();

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ZonesBySpan =
        Zones.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryParse(string value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var s = value.AsSpan();

        int day = -1, month = -1, year = -1, yearDigits = 0, hour = -1, minute = 0, second = 0;
        int? offset = null;
        int? namedOffset = null;
        var pm = false;
        var am = false;

        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '(')
            {
                i = Rfc822Syntax.SkipComment(s, i);
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                if (!ReadNumber(s, ref i, out var n)) return false;
                var digits = i - start;
                var next = i < s.Length ? s[i] : '\0';

                if (hour < 0 && (next == ':' || (next == '.' && day >= 0 && month >= 0 && year >= 0)) && digits <= 2 && IsDigitAt(s, i + 1))
                {
                    // Time: h:m[:s[.fraction]], or h.m.s once the date is complete.
                    hour = n;
                    i++;
                    ReadNumber(s, ref i, out minute);
                    if (i + 1 < s.Length && s[i] == next && char.IsAsciiDigit(s[i + 1]))
                    {
                        i++;
                        ReadNumber(s, ref i, out second);
                        if (i + 1 < s.Length && s[i] is '.' or ',' && char.IsAsciiDigit(s[i + 1]))
                        {
                            i++;
                            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                        }
                    }
                }
                else if (day < 0 && month < 0 && year < 0 && next is '.' or '-' or '/' && IsDigitAt(s, i + 1) &&
                         TryReadNumericDate(s, ref i, n, digits, next, out day, out month, out year, out yearDigits))
                {
                    // Consumed "2020-01-02", "02.01.2020" or "1/2/2020".
                }
                else if (digits >= 3 && year < 0)
                {
                    (year, yearDigits) = (n, digits);
                }
                else if (digits <= 2 && day < 0)
                {
                    day = n;
                }
                else if (digits <= 2 && year < 0)
                {
                    (year, yearDigits) = (n, digits);
                }
            }
            else if (c is '+' or '-' && hour >= 0 && offset is null && IsDigitAt(s, i + 1))
            {
                i++;
                offset = ReadOffset(s, ref i) * (c == '-' ? -1 : 1);
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < s.Length && char.IsLetter(s[i])) i++;
                var word = s[start..i];
                if (word.Length == 1 && word[0] is 'T' or 't' && IsDigitAt(s, i))
                {
                    // The ISO 8601 date/time separator.
                }
                else if (word.Equals("am", StringComparison.OrdinalIgnoreCase))
                {
                    am = true;
                }
                else if (word.Equals("pm", StringComparison.OrdinalIgnoreCase))
                {
                    pm = true;
                }
                else if (month < 0 && TryMonth(word, out var m))
                {
                    month = m;
                }
                else if (namedOffset is null && ZonesBySpan.TryGetValue(word, out var zone))
                {
                    namedOffset = zone;
                }
            }
            else
            {
                i++;
            }
        }

        if (day < 1 || month < 1 || year < 0) return false;
        year = yearDigits switch
        {
            // RFC 5322 §4.3: two digits mean 1950-2049, three digits are added to 1900.
            <= 2 => year < 50 ? 2000 + year : 1900 + year,
            3 => 1900 + year,
            4 => year,
            _ => -1,
        };
        if (year < 1) return false;
        if (hour < 0) hour = 0;
        if (pm && hour is >= 1 and < 12) hour += 12;
        else if (am && hour == 12) hour = 0;
        if (second == 60) second = 59; // leap second
        if (hour > 23 || minute > 59 || second > 59 || month > 12 || day > DateTime.DaysInMonth(year, month)) return false;

        var minutes = offset ?? namedOffset ?? 0;
        // An offset beyond ±14:00 (or with minutes ≥ 60) is unusable; keep the wall-clock time as UTC.
        if (minutes is < -14 * 60 or > 14 * 60) minutes = 0;

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var utcTicks = local.Ticks - (minutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        date = new DateTimeOffset(local, TimeSpan.FromMinutes(minutes));
        return true;
    }

    private static bool TryReadNumericDate(
        ReadOnlySpan<char> s, ref int i, int first, int firstDigits, char separator,
        out int day, out int month, out int year, out int yearDigits)
    {
        (day, month, year, yearDigits) = (-1, -1, -1, 0);
        var j = i + 1;
        if (!ReadNumber(s, ref j, out var second) || j - (i + 1) > 2) return false;
        if (j + 1 >= s.Length || s[j] != separator || !char.IsAsciiDigit(s[j + 1])) return false;
        j++;
        var thirdStart = j;
        if (!ReadNumber(s, ref j, out var third)) return false;
        var thirdDigits = j - thirdStart;

        if (firstDigits == 4)
        {
            // ISO order: year-month-day.
            if (thirdDigits > 2) return false;
            (year, yearDigits, month, day) = (first, 4, second, third);
        }
        else if (firstDigits <= 2 && thirdDigits is 2 or 4)
        {
            // Slashes are the US order (month/day/year); dots and dashes the European one.
            (year, yearDigits) = (third, thirdDigits);
            (month, day) = separator == '/' ? (first, second) : (second, first);
        }
        else
        {
            return false;
        }
        i = j;
        return true;
    }

    // Reads up to 4 digits of hours/minutes after a sign: "0700", "07:00", "7", "530".
    private static int ReadOffset(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        ReadNumber(s, ref i, out var n);
        var digits = i - start;
        int hours, minutes = 0;
        if (digits <= 2)
        {
            hours = n;
            if (i + 1 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1]))
            {
                i++;
                ReadNumber(s, ref i, out minutes);
            }
        }
        else if (digits <= 4)
        {
            (hours, minutes) = (n / 100, n % 100);
        }
        else
        {
            return int.MaxValue / 2; // out of range; handled by the caller
        }
        return minutes >= 60 ? int.MaxValue / 2 : (hours * 60) + minutes;
    }

    // At most 9 digits so the value fits an int; longer runs are not a date.
    private static bool ReadNumber(ReadOnlySpan<char> s, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            if (i - start == 9) return false;
            value = (value * 10) + (s[i] - '0');
            i++;
        }
        return i > start;
    }

    private static bool IsDigitAt(ReadOnlySpan<char> s, int i) => i < s.Length && char.IsAsciiDigit(s[i]);

    private static bool TryMonth(ReadOnlySpan<char> word, out int month)
    {
        month = 0;
        if (word.Length < 3) return false;
        for (var m = 0; m < MonthNames.Length; m++)
        {
            // "Jan", "June", "Sept", "September" in any case; "Sept" is a prefix too.
            if (MonthNames[m].AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                month = m + 1;
                return true;
            }
        }
        return ForeignMonthsBySpan.TryGetValue(word, out month);
    }

    private static Dictionary<string, int> BuildZones()
    {
        var zones = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
            ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["CST"] = -6 * 60, ["CDT"] = -5 * 60,
            ["MST"] = -7 * 60, ["MDT"] = -6 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60,
            ["AKST"] = -9 * 60, ["AKDT"] = -8 * 60, ["HST"] = -10 * 60, ["AST"] = -4 * 60, ["ADT"] = -3 * 60,
            ["NST"] = -(3 * 60) - 30, ["NDT"] = -(2 * 60) - 30, ["BRT"] = -3 * 60, ["ART"] = -3 * 60,
            ["BST"] = 60, ["IST"] = (5 * 60) + 30, ["WEST"] = 60,
            ["CET"] = 60, ["CEST"] = 2 * 60, ["MET"] = 60, ["MEST"] = 2 * 60, ["MEZ"] = 60, ["MESZ"] = 2 * 60,
            ["EET"] = 2 * 60, ["EEST"] = 3 * 60, ["MSK"] = 3 * 60, ["MSD"] = 4 * 60,
            ["SGT"] = 8 * 60, ["HKT"] = 8 * 60, ["AWST"] = 8 * 60, ["JST"] = 9 * 60, ["KST"] = 9 * 60,
            ["ACST"] = (9 * 60) + 30, ["AEST"] = 10 * 60, ["AEDT"] = 11 * 60, ["NZST"] = 12 * 60, ["NZDT"] = 13 * 60,
        };
        // RFC 5322 §4.3: RFC 822 got the military letters' signs wrong, so they carry no information: treat as +0000.
        for (var c = 'A'; c <= 'Z'; c++)
        {
            if (c != 'J') zones.TryAdd(c.ToString(), 0);
        }
        return zones;
    }
}
