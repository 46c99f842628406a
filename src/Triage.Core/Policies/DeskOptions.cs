using System.Globalization;

namespace Triage.Core.Policies;

/// <summary>How a tier computes its due time.</summary>
public enum SlaRule
{
    /// <summary>Same working day when received before the desk's cut-off, else the next working day's cut-off.</summary>
    CutOff,

    /// <summary>Within <see cref="SlaTierOptions.Hours"/> of open time of the tier's calendar.</summary>
    BusinessHours,
}

public sealed record SlaTierOptions
{
    public SlaRule Rule { get; init; } = SlaRule.CutOff;

    /// <summary>Business hours to respond in; only for <see cref="SlaRule.BusinessHours"/>.</summary>
    public double? Hours { get; init; }

    /// <summary>The tier's own weekly hours (same syntax as the desk's); null to use the desk's calendar.</summary>
    public string? OpeningHours { get; init; }

    /// <summary>With its own hours: open on holidays and the desk's closed dates too.</summary>
    public bool OpenOnHolidays { get; init; }
}

/// <summary>
/// One support desk's configuration, as bound from <c>Triage:Desks:&lt;name&gt;</c>. The defaults are the shipped
/// desk: Europe/Stockholm, weekdays 08:00–17:00, cut-off 16:00, Swedish holidays and customary days closed, a
/// standard tier and a priority tier of 4 hours over 08:00–20:00 every day, holidays included.
/// </summary>
public sealed record DeskOptions
{
    public const string StandardTier = "standard";
    public const string PriorityTier = "priority";

    public string Name { get; init; } = "default";

    /// <summary>An IANA time zone id such as Europe/Stockholm.</summary>
    public string TimeZone { get; init; } = "Europe/Stockholm";

    /// <summary>Compact weekly hours, e.g. <c>Mon-Fri 08:00-17:00; Sat 09:00-13:00</c> (see <see cref="Policies.OpeningHours"/>).</summary>
    public string OpeningHours { get; init; } = "Mon-Fri 08:00-17:00";

    /// <summary>Whose public holidays close the desk; null for none.</summary>
    public HolidayCountry? HolidayCountry { get; init; } = Policies.HolidayCountry.SE;

    public bool CustomaryDaysClosed { get; init; } = true;

    public TimeOnly CutOff { get; init; } = new(16, 0);

    public IReadOnlyList<DateOnly> ClosedDates { get; init; } = [];

    /// <summary>Extra open dates: <c>2026-01-06</c> (that weekday's hours) or <c>2026-12-27 10:00-14:00</c>.</summary>
    public IReadOnlyList<string> OpenDates { get; init; } = [];

    /// <summary>The 24/7 line for business-critical faults outside opening hours (the default is a placeholder).</summary>
    public string OnCallPhone { get; init; } = "+46 00 000 00 00";

    /// <summary>SLA tiers by name; <see cref="StandardTier"/> is required, as tickets without an entitlement use it.</summary>
    public IReadOnlyDictionary<string, SlaTierOptions> Tiers { get; init; } = new Dictionary<string, SlaTierOptions>
    {
        [StandardTier] = new(),
        [PriorityTier] = new() { Rule = SlaRule.BusinessHours, Hours = 4, OpeningHours = "Mon-Sun 08:00-20:00", OpenOnHolidays = true },
    };

    /// <summary>Every problem with this configuration, each a sentence naming the desk and the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Build(errors);
        return errors;
    }

    /// <summary>The desk; throws <see cref="InvalidOperationException"/> listing every problem when the configuration is invalid.</summary>
    public SupportDesk CreateDesk()
    {
        var errors = new List<string>();
        var desk = Build(errors);
        return desk is not null && errors.Count == 0
            ? desk
            : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    private SupportDesk? Build(List<string> errors)
    {
        void Error(string message) => errors.Add($"Desk '{Name}': {message}");

        if (string.IsNullOrWhiteSpace(Name))
        {
            Error("Name is empty.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out var zone))
        {
            Error($"TimeZone '{TimeZone}' is not a known time zone id (use an IANA id such as Europe/Stockholm).");
        }

        if (!Policies.OpeningHours.TryParse(OpeningHours ?? "", out var hours, out var hoursError))
        {
            Error(hoursError);
        }
        else if (hours.IsAlwaysClosed)
        {
            Error("OpeningHours names no open time.");
        }

        if (HolidayCountry is { } country && !Enum.IsDefined(country))
        {
            Error($"HolidayCountry '{country}' is not one of {string.Join(", ", Enum.GetNames<HolidayCountry>())}.");
        }

        if (string.IsNullOrWhiteSpace(OnCallPhone) || !OnCallPhone.Any(char.IsAsciiDigit))
        {
            Error($"OnCallPhone '{OnCallPhone}' is not a phone number.");
        }

        var openDates = ParseOpenDates(hours, Error);
        foreach (var date in ClosedDates.Where(openDates.ContainsKey))
        {
            Error($"{date:yyyy-MM-dd} is both a closed date and an open date.");
        }

        if (zone is null || hours is null || hours.IsAlwaysClosed || errors.Count > 0)
        {
            return null;
        }

        var calendar = new BusinessCalendar(zone, hours)
        {
            HolidayCountry = HolidayCountry,
            CustomaryDaysClosed = CustomaryDaysClosed,
            ClosedDates = ClosedDates.ToHashSet(),
            OpenDates = openDates,
        };
        var tiers = BuildTiers(calendar, Error);
        return errors.Count == 0 ? new SupportDesk(Name, calendar, OnCallPhone, tiers) : null;
    }

    private Dictionary<DateOnly, IReadOnlyList<OpenInterval>> ParseOpenDates(OpeningHours? weekly, Action<string> error)
    {
        var dates = new Dictionary<DateOnly, IReadOnlyList<OpenInterval>>();
        foreach (var entry in OpenDates)
        {
            var text = (entry ?? "").Trim();
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            var dateText = space < 0 ? text : text[..space];
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                error($"OpenDates entry '{entry}' does not start with a date like 2026-12-27.");
            }
            else if (space >= 0)
            {
                if (Policies.OpeningHours.TryParseIntervals(text[(space + 1)..], out var intervals, out var intervalError))
                {
                    dates[date] = intervals;
                }
                else
                {
                    error($"OpenDates entry '{entry}': {intervalError}");
                }
            }
            else if (weekly is not null && weekly.On(date.DayOfWeek).Count == 0)
            {
                error($"OpenDates entry '{entry}' is a {date.DayOfWeek}, which has no regular hours; give its hours, e.g. '{dateText} 10:00-14:00'.");
            }
            else if (weekly is not null)
            {
                dates[date] = weekly.On(date.DayOfWeek);
            }
        }

        return dates;
    }

    private Dictionary<string, SlaTier> BuildTiers(BusinessCalendar deskCalendar, Action<string> error)
    {
        var tiers = new Dictionary<string, SlaTier>(StringComparer.OrdinalIgnoreCase);
        if (!Tiers.Keys.Contains(StandardTier, StringComparer.OrdinalIgnoreCase))
        {
            error($"Tiers has no '{StandardTier}' tier, which tickets without an entitlement use.");
        }

        foreach (var (name, tier) in Tiers)
        {
            var calendar = deskCalendar;
            if (tier.OpeningHours is not null)
            {
                if (!Policies.OpeningHours.TryParse(tier.OpeningHours, out var tierHours, out var hoursError) || tierHours.IsAlwaysClosed)
                {
                    error($"tier '{name}': {(tierHours is null ? hoursError : "OpeningHours names no open time.")}");
                    continue;
                }

                calendar = new BusinessCalendar(deskCalendar.TimeZone, tierHours)
                {
                    HolidayCountry = tier.OpenOnHolidays ? null : deskCalendar.HolidayCountry,
                    CustomaryDaysClosed = deskCalendar.CustomaryDaysClosed,
                    ClosedDates = tier.OpenOnHolidays ? new HashSet<DateOnly>() : deskCalendar.ClosedDates,
                };
            }
            else if (tier.OpenOnHolidays)
            {
                error($"tier '{name}': OpenOnHolidays needs the tier's own OpeningHours.");
                continue;
            }

            switch (tier)
            {
                case { Rule: SlaRule.CutOff, Hours: null }:
                    tiers[name] = new CutOffTier(name, calendar, CutOff);
                    break;
                case { Rule: SlaRule.CutOff }:
                    error($"tier '{name}': Hours applies only to the {nameof(SlaRule.BusinessHours)} rule; the {nameof(SlaRule.CutOff)} rule uses the desk's CutOff.");
                    break;
                case { Rule: SlaRule.BusinessHours, Hours: double hours and > 0 and < 10_000 }:
                    tiers[name] = new BusinessHoursTier(name, calendar, TimeSpan.FromHours(hours));
                    break;
                case { Rule: SlaRule.BusinessHours }:
                    error($"tier '{name}': Hours must be a number of business hours above 0 and below 10,000 for the {nameof(SlaRule.BusinessHours)} rule.");
                    break;
                default:
                    error($"tier '{name}': Rule '{tier.Rule}' is not one of {string.Join(", ", Enum.GetNames<SlaRule>())}.");
                    break;
            }
        }

        return tiers;
    }
}
