namespace Triage.Core.Policies;

/// <summary>The countries whose public holidays a desk calendar can follow (ISO 3166-1 alpha-2).</summary>
public enum HolidayCountry
{
    SE,
    NO,
    DK,
    FI,
    NL,
    BE,
}

/// <summary>Whether a day off is set by law or only kept by custom.</summary>
public enum HolidayKind
{
    /// <summary>A public holiday by law (or, for Bevrijdingsdag, by the government's own rule).</summary>
    Official,

    /// <summary>Not a holiday by law, yet most offices close (Julafton, Midsommarafton, Grundlovsdag…).</summary>
    Customary,
}

public sealed record Holiday(DateOnly Date, string LocalName, string EnglishName, HolidayKind Kind);
