namespace Triage.Core.Policies;

/// <summary>
/// Public holidays and customary closed days of SE, NO, DK, FI, NL and BE for a year. Rules are today's, with the
/// changes since <see cref="FirstYear"/> dated: Sweden's Nationaldagen replaced Annandag pingst in 2005, the
/// Netherlands' Koningsdag replaced Koninginnedag in 2014, Denmark abolished Store bededag from 2024.
/// </summary>
public static class PublicHolidays
{
    /// <summary>Earlier years would need rule history this table does not hold.</summary>
    public const int FirstYear = 2000;

    public static IReadOnlyList<Holiday> Of(HolidayCountry country, int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        var days = new YearBuilder(year);
        switch (country)
        {
            case HolidayCountry.SE: Sweden(days); break;
            case HolidayCountry.NO: Norway(days); break;
            case HolidayCountry.DK: Denmark(days); break;
            case HolidayCountry.FI: Finland(days); break;
            case HolidayCountry.NL: Netherlands(days); break;
            case HolidayCountry.BE: Belgium(days); break;
            default: throw new ArgumentOutOfRangeException(nameof(country), country, "Not a supported holiday country.");
        }

        return days.Sorted();
    }

    private static void Sweden(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Nyårsdagen", "New Year's Day");
        y.Official(y.On(1, 6), "Trettondedag jul", "Epiphany");
        y.Official(y.FromEaster(-2), "Långfredagen", "Good Friday");
        y.Official(y.FromEaster(0), "Påskdagen", "Easter Sunday");
        y.Official(y.FromEaster(1), "Annandag påsk", "Easter Monday");
        y.Official(y.On(5, 1), "Första maj", "May Day");
        y.Official(y.FromEaster(39), "Kristi himmelsfärdsdag", "Ascension Day");
        y.Official(y.FromEaster(49), "Pingstdagen", "Whit Sunday");
        if (y.Year >= 2005)
        {
            y.Official(y.On(6, 6), "Sveriges nationaldag", "National Day of Sweden");
        }
        else
        {
            y.Official(y.FromEaster(50), "Annandag pingst", "Whit Monday");
        }

        var midsummer = y.SaturdayFrom(6, 20);
        y.Customary(midsummer.AddDays(-1), "Midsommarafton", "Midsummer Eve");
        y.Official(midsummer, "Midsommardagen", "Midsummer Day");
        y.Official(y.SaturdayFrom(10, 31), "Alla helgons dag", "All Saints' Day");
        y.Customary(y.On(12, 24), "Julafton", "Christmas Eve");
        y.Official(y.On(12, 25), "Juldagen", "Christmas Day");
        y.Official(y.On(12, 26), "Annandag jul", "Boxing Day");
        y.Customary(y.On(12, 31), "Nyårsafton", "New Year's Eve");
    }

    private static void Norway(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Første nyttårsdag", "New Year's Day");
        y.Official(y.FromEaster(-3), "Skjærtorsdag", "Maundy Thursday");
        y.Official(y.FromEaster(-2), "Langfredag", "Good Friday");
        y.Official(y.FromEaster(0), "Første påskedag", "Easter Sunday");
        y.Official(y.FromEaster(1), "Andre påskedag", "Easter Monday");
        y.Official(y.On(5, 1), "1. mai", "Labour Day");
        y.Official(y.On(5, 17), "17. mai", "Constitution Day");
        y.Official(y.FromEaster(39), "Kristi himmelfartsdag", "Ascension Day");
        y.Official(y.FromEaster(49), "Første pinsedag", "Whit Sunday");
        y.Official(y.FromEaster(50), "Andre pinsedag", "Whit Monday");
        y.Customary(y.On(12, 24), "Julaften", "Christmas Eve");
        y.Official(y.On(12, 25), "Første juledag", "Christmas Day");
        y.Official(y.On(12, 26), "Andre juledag", "Boxing Day");
        y.Customary(y.On(12, 31), "Nyttårsaften", "New Year's Eve");
    }

    private static void Denmark(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Nytårsdag", "New Year's Day");
        y.Official(y.FromEaster(-3), "Skærtorsdag", "Maundy Thursday");
        y.Official(y.FromEaster(-2), "Langfredag", "Good Friday");
        y.Official(y.FromEaster(0), "Påskedag", "Easter Sunday");
        y.Official(y.FromEaster(1), "2. påskedag", "Easter Monday");
        if (y.Year <= 2023)
        {
            y.Official(y.FromEaster(26), "Store bededag", "General Prayer Day");
        }

        y.Official(y.FromEaster(39), "Kristi himmelfartsdag", "Ascension Day");
        y.Official(y.FromEaster(49), "Pinsedag", "Whit Sunday");
        y.Official(y.FromEaster(50), "2. pinsedag", "Whit Monday");
        y.Customary(y.On(6, 5), "Grundlovsdag", "Constitution Day");
        y.Customary(y.On(12, 24), "Juleaftensdag", "Christmas Eve");
        y.Official(y.On(12, 25), "Juledag", "Christmas Day");
        y.Official(y.On(12, 26), "2. juledag", "Boxing Day");
        y.Customary(y.On(12, 31), "Nytårsaftensdag", "New Year's Eve");
    }

    private static void Finland(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Uudenvuodenpäivä", "New Year's Day");
        y.Official(y.On(1, 6), "Loppiainen", "Epiphany");
        y.Official(y.FromEaster(-2), "Pitkäperjantai", "Good Friday");
        y.Official(y.FromEaster(0), "Pääsiäispäivä", "Easter Sunday");
        y.Official(y.FromEaster(1), "2. pääsiäispäivä", "Easter Monday");
        y.Official(y.On(5, 1), "Vappu", "May Day");
        y.Official(y.FromEaster(39), "Helatorstai", "Ascension Day");
        y.Official(y.FromEaster(49), "Helluntaipäivä", "Whit Sunday");
        var midsummer = y.SaturdayFrom(6, 20);
        y.Customary(midsummer.AddDays(-1), "Juhannusaatto", "Midsummer Eve");
        y.Official(midsummer, "Juhannuspäivä", "Midsummer Day");
        y.Official(y.SaturdayFrom(10, 31), "Pyhäinpäivä", "All Saints' Day");
        y.Official(y.On(12, 6), "Itsenäisyyspäivä", "Independence Day");
        y.Customary(y.On(12, 24), "Jouluaatto", "Christmas Eve");
        y.Official(y.On(12, 25), "Joulupäivä", "Christmas Day");
        y.Official(y.On(12, 26), "Tapaninpäivä", "St Stephen's Day");
    }

    private static void Netherlands(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Nieuwjaarsdag", "New Year's Day");
        y.Official(y.FromEaster(0), "Eerste Paasdag", "Easter Sunday");
        y.Official(y.FromEaster(1), "Tweede Paasdag", "Easter Monday");

        // The monarch's day never falls on a Sunday; it moves back to the Saturday.
        static DateOnly NotOnSunday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(-1) : date;
        if (y.Year >= 2014)
        {
            y.Official(NotOnSunday(y.On(4, 27)), "Koningsdag", "King's Day");
        }
        else
        {
            y.Official(NotOnSunday(y.On(4, 30)), "Koninginnedag", "Queen's Day");
        }

        // 5 May is in the Algemene termijnenwet every year, but employers (the state included) give it off only
        // in lustrum years, so other years it is a customary day a desk may choose to close.
        var liberation = y.On(5, 5);
        if (y.Year % 5 == 0)
        {
            y.Official(liberation, "Bevrijdingsdag", "Liberation Day");
        }
        else
        {
            y.Customary(liberation, "Bevrijdingsdag", "Liberation Day");
        }

        y.Official(y.FromEaster(39), "Hemelvaartsdag", "Ascension Day");
        y.Official(y.FromEaster(49), "Eerste Pinksterdag", "Whit Sunday");
        y.Official(y.FromEaster(50), "Tweede Pinksterdag", "Whit Monday");
        y.Official(y.On(12, 25), "Eerste Kerstdag", "Christmas Day");
        y.Official(y.On(12, 26), "Tweede Kerstdag", "Boxing Day");
    }

    // Belgium's ten legal holidays, in Dutch. A holiday on a Sunday gives a replacement day chosen by each
    // employer, which a desk sets as a closed date.
    private static void Belgium(YearBuilder y)
    {
        y.Official(y.On(1, 1), "Nieuwjaar", "New Year's Day");
        y.Official(y.FromEaster(1), "Paasmaandag", "Easter Monday");
        y.Official(y.On(5, 1), "Feest van de Arbeid", "Labour Day");
        y.Official(y.FromEaster(39), "Onze-Lieve-Heer-Hemelvaart", "Ascension Day");
        y.Official(y.FromEaster(50), "Pinkstermaandag", "Whit Monday");
        y.Official(y.On(7, 21), "Nationale feestdag", "Belgian National Day");
        y.Official(y.On(8, 15), "Onze-Lieve-Vrouw-Hemelvaart", "Assumption Day");
        y.Official(y.On(11, 1), "Allerheiligen", "All Saints' Day");
        y.Official(y.On(11, 11), "Wapenstilstand", "Armistice Day");
        y.Official(y.On(12, 25), "Kerstmis", "Christmas Day");
    }

    private sealed class YearBuilder(int year)
    {
        private readonly List<Holiday> holidays = [];
        private readonly DateOnly easter = Easter.Sunday(year);

        public int Year => year;

        public DateOnly On(int month, int day) => new(year, month, day);

        public DateOnly FromEaster(int days) => easter.AddDays(days);

        /// <summary>The Saturday in the seven days from month/day (Midsummer Day, All Saints' Day).</summary>
        public DateOnly SaturdayFrom(int month, int day)
        {
            var first = On(month, day);
            return first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
        }

        public void Official(DateOnly date, string localName, string englishName) =>
            holidays.Add(new Holiday(date, localName, englishName, HolidayKind.Official));

        public void Customary(DateOnly date, string localName, string englishName) =>
            holidays.Add(new Holiday(date, localName, englishName, HolidayKind.Customary));

        public IReadOnlyList<Holiday> Sorted() => [.. holidays.OrderBy(h => h.Date)];
    }
}
