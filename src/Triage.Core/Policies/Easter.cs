namespace Triage.Core.Policies;

/// <summary>Easter Sunday, on which every movable feast of the six countries depends.</summary>
public static class Easter
{
    /// <summary>Easter Sunday by the Gregorian computus (the anonymous algorithm published by Meeus).</summary>
    public static DateOnly Sunday(int year)
    {
        // The Gregorian calendar starts in 1582; DateOnly ends in 9999.
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        int golden = year % 19;
        int century = year / 100;
        int yearInCentury = year % 100;
        int skippedLeapDays = century - century / 4;
        int moonCorrection = (century - (century + 8) / 25 + 1) / 3;
        int moonAge = (19 * golden + skippedLeapDays - moonCorrection + 15) % 30;
        int toSunday = (32 + 2 * (century % 4) + 2 * (yearInCentury / 4) - moonAge - yearInCentury % 4) % 7;
        int lateFullMoon = (golden + 11 * moonAge + 22 * toSunday) / 451;
        int daysFromMarch = moonAge + toSunday - 7 * lateFullMoon + 114;
        return new DateOnly(year, daysFromMarch / 31, daysFromMarch % 31 + 1);
    }
}
