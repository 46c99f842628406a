using Microsoft.Extensions.Configuration;
using Triage.Core.Policies;
using Triage.Core.SelfHelp;
using Triage.Core.Tickets;
using Triage.Hosting.Customers;
using Triage.Hosting.Pipeline;
using Triage.Hosting.SelfHelp;

namespace Triage.Hosting.Policies;

/// <summary>What the support policies make of a mail that opens a ticket.</summary>
public sealed record SupportJudgement(SupportDecision Decision, CustomerAccount? Account, QuestionPlan Questions, SelfHelpResult SelfHelp)
{
    /// <summary>The numbers of the customer's other open tickets, oldest first.</summary>
    public IReadOnlyList<string> CustomerOpenTickets { get; init; } = [];

    /// <summary>The wire form the ticket event carries.</summary>
    public TicketSupport ToTicketSupport() =>
        new(Decision.Priority.ToWireName(), Decision.Route.ToWireName(), Decision.Urgent, Decision.DueAt.ToUniversalTime(), Account?.AccountId, Decision.FairUse.Exceeded)
        {
            KbSuggestions = [.. SelfHelp.Articles.Select(a => new KbSuggestionRef(a.Id, a.Title, Math.Round(a.Score, 3)))],
            Incidents = [.. SelfHelp.Incidents.Select(i => new IncidentRef(i.Id, i.Title))],
            CustomerOpenTickets = CustomerOpenTickets,
        };
}

/// <summary>
/// The support policies of the service, from configuration: desks (<c>Triage:Desks</c>; a ticket uses the desk whose
/// key is its language, else the first desk, else the shipped Stockholm desk), customers (<c>Triage:Customers:File</c>,
/// CSV or JSON), fair use (<c>Triage:FairUse</c>), one question per ticket (<c>Triage:Questions</c>) and self-help
/// (<c>Triage:SelfHelp:KnowledgeBase</c>, default the shipped one; <c>Triage:SelfHelp:IncidentsFile</c>; the
/// <see cref="SelfHelpOptions"/> thresholds). Loading throws with a message naming the setting or file at fault.
/// Thread-safe.
/// </summary>
public sealed class SupportPolicies : IDisposable
{
    private readonly IReadOnlyList<KeyValuePair<string, SupportPolicy>> _desks;
    private readonly SupportPolicy _default;
    private readonly CustomerDirectory _customers;
    private readonly FairUsePolicy _fairUse;
    private readonly QuestionOptions _questions;
    private readonly SelfHelpService _selfHelp;

    public SupportPolicies(
        IReadOnlyList<KeyValuePair<string, DeskOptions>> desks,
        CustomerDirectory customers,
        FairUseOptions fairUse,
        QuestionOptions questions,
        SelfHelpService selfHelp)
    {
        ArgumentNullException.ThrowIfNull(desks);
        var errors = desks.SelectMany(d => d.Value.Validate()).Concat(fairUse.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        _desks = [.. desks.Select(d => KeyValuePair.Create(d.Key, new SupportPolicy(d.Value.CreateDesk())))];
        _default = _desks.Count > 0 ? _desks[0].Value : new SupportPolicy(new DeskOptions().CreateDesk());
        _customers = customers;
        _fairUse = new FairUsePolicy(fairUse);
        _questions = questions;
        _selfHelp = selfHelp;
    }

    /// <summary>
    /// Everything from the <c>Triage</c> configuration. A configured knowledge base or incidents file is watched and
    /// reloaded on change; the shipped knowledge base is not.
    /// </summary>
    public static SupportPolicies Load(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var customersFile = configuration["Triage:Customers:File"];
        var selfHelp = configuration.GetSection("Triage:SelfHelp");
        var knowledgeBase = selfHelp["KnowledgeBase"];
        var incidentsFile = selfHelp["IncidentsFile"];
        return new SupportPolicies(
            DeskSettings.Read(configuration),
            string.IsNullOrWhiteSpace(customersFile) ? CustomerDirectory.Empty : CustomerFile.Load(customersFile),
            configuration.GetSection("Triage:FairUse").Get<FairUseOptions>() ?? FairUseOptions.Default,
            configuration.GetSection("Triage:Questions").Get<QuestionOptions>() ?? QuestionOptions.Default,
            new SelfHelpService(
                string.IsNullOrWhiteSpace(knowledgeBase) ? KnowledgeBaseFolder.Default : knowledgeBase,
                string.IsNullOrWhiteSpace(incidentsFile) ? null : incidentsFile,
                selfHelp.Get<SelfHelpOptions>(),
                time,
                watch: !string.IsNullOrWhiteSpace(knowledgeBase) || !string.IsNullOrWhiteSpace(incidentsFile)));
    }

    /// <summary>The desk for a ticket's language: the desk with that key, else the first configured desk, else the shipped one.</summary>
    public SupportPolicy DeskFor(string? language) =>
        _desks.Where(d => string.Equals(d.Key, language, StringComparison.OrdinalIgnoreCase)).Select(d => d.Value).FirstOrDefault() ?? _default;

    /// <summary>
    /// Judges a mail that opens a ticket, at <paramref name="now"/> (when it was received): the sender's account, fair
    /// use (counted by <paramref name="counter"/>), priority, route and due time, the questions to list back and the
    /// self-help articles and incidents.
    /// </summary>
    public async Task<SupportJudgement> JudgeAsync(PreparedMail mail, string sender, DateTimeOffset now, IFairUseCounter counter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var fairUse = string.IsNullOrWhiteSpace(sender)
            ? FairUseVerdict.Within
            : await _fairUse.EvaluateAsync(counter, sender, now, opensTicket: true, cancellationToken).ConfigureAwait(false);
        var account = _customers.Find(sender);
        var language = mail.Assessment.Language;
        var decision = DeskFor(language).Decide(now, mail.Assessment.Critical, account, fairUse);
        var subject = mail.Hygiene.Links.NormalizedSubject;
        return new SupportJudgement(
            decision,
            account,
            QuestionSplitter.Plan(subject, mail.Assessment.Questions, _questions),
            _selfHelp.Index.Suggest(language, subject, mail.Hygiene.NewText, now));
    }

    public void Dispose() => _selfHelp.Dispose();
}
