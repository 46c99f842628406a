using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Policies;
using Triage.Core.SelfHelp;
using Triage.Hosting.Classification;
using Triage.Hosting.Customers;
using Triage.Hosting.Policies;
using Triage.Hosting.SelfHelp;

namespace Triage.Cli;

/// <summary>What the support policies make of a human mail in <c>triage inspect</c>.</summary>
internal sealed record PolicyFields(SupportDecision Decision, CustomerAccount? Account, IReadOnlyList<KbSuggestion> Suggestions);

/// <summary>
/// The support policies for <c>triage inspect</c>: the desk, customers, fair use and self-help. Inspect has no store,
/// so every mail counts as received at <c>--now</c>, and fair use counts the earlier mails of the same run from the
/// same sender (each opening a ticket unless it quotes a ticket reference).
/// </summary>
internal sealed partial class InspectPolicies
{
    private readonly SupportPolicy _support;
    private readonly CustomerDirectory _customers;
    private readonly FairUsePolicy _fairUse;
    private readonly SelfHelpIndex _selfHelp;
    private readonly FairUseLedger _ledger = new();
    private readonly DateTimeOffset _now;

    private InspectPolicies(SupportPolicy support, CustomerDirectory customers, FairUsePolicy fairUse, SelfHelpIndex selfHelp, DateTimeOffset now)
    {
        _support = support;
        _customers = customers;
        _fairUse = fairUse;
        _selfHelp = selfHelp;
        _now = now;
    }

    public BusinessCalendar Calendar => _support.Desk.Calendar;

    /// <summary>
    /// Loads everything the options name; throws <see cref="InspectSetupException"/> with a message for the user when
    /// a file is missing or invalid.
    /// </summary>
    public static InspectPolicies Load(string? now, FileInfo? config, string? desk, FileInfo? customers, DirectoryInfo? knowledgeBase, TimeProvider time)
    {
        var moment = ParseNow(now, time);
        var settings = config is null ? null : ReadConfig(config);
        var deskOptions = DeskFrom(settings, desk);
        var fairUse = settings?.GetSection("Triage:FairUse").Get<FairUseOptions>() ?? FairUseOptions.Default;
        var errors = deskOptions.Validate().Concat(fairUse.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new InspectSetupException(string.Join(Environment.NewLine, errors));
        }

        try
        {
            return new InspectPolicies(
                new SupportPolicy(deskOptions.CreateDesk()),
                customers is null ? CustomerDirectory.Empty : CustomerFile.Load(customers.FullName),
                new FairUsePolicy(fairUse),
                SelfHelpIndex.Build(KnowledgeBaseFolder.Load(knowledgeBase?.FullName ?? KnowledgeBaseFolder.Default), []),
                moment);
        }
        catch (Exception e) when (e is CustomerDataException or SelfHelpDataException or ArgumentException)
        {
            throw new InspectSetupException(e.Message);
        }
    }

    /// <summary>The policy fields of a human mail; null for automatic mail, which opens no ticket.</summary>
    public async Task<PolicyFields?> EvaluateAsync(InboundMail mail, HygieneResult result, ClassificationResult classes, CancellationToken cancellationToken)
    {
        if (result.Verdict.Kind != MailKind.Human)
        {
            return null;
        }

        var sender = mail.From?.Address;
        var opensTicket = result.Links.TicketRef is null;
        var fairUse = FairUseVerdict.Within;
        if (!string.IsNullOrWhiteSpace(sender))
        {
            fairUse = await _fairUse.EvaluateAsync(_ledger, sender, _now, opensTicket, cancellationToken).ConfigureAwait(false);
            _ledger.Record(sender, _now, opensTicket);
        }

        var account = _customers.Find(sender);
        var decision = _support.Decide(_now, classes.Critical == true, account, fairUse);
        var suggestions = _selfHelp.Suggest(classes.Language, result.Links.NormalizedSubject, result.NewText, _now).Articles;
        return new PolicyFields(decision, account, suggestions);
    }

    /// <summary>Writes the policy fields; all null (and empty lists) for mail that opens no ticket.</summary>
    public static void Write(Utf8JsonWriter json, PolicyFields? fields)
    {
        var decision = fields?.Decision;
        json.WriteString("priority", decision?.Priority.ToWireName());
        json.WriteString("route", decision?.Route.ToWireName());
        WriteBoolean(json, "urgent", decision?.Urgent);
        json.WriteString("due_at", decision?.DueAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("account_id", fields?.Account?.AccountId);
        WriteBoolean(json, "fair_use_exceeded", decision?.FairUse.Exceeded);
        json.WriteString("fair_use_reason", decision?.FairUse.Reason);
        json.WriteStartArray("ack_notes");
        foreach (var note in decision?.AcknowledgementNotes ?? [])
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteStartArray("kb_suggestions");
        foreach (var suggestion in fields?.Suggestions ?? [])
        {
            json.WriteStartObject();
            json.WriteString("id", suggestion.Id);
            json.WriteString("title", suggestion.Title);
            json.WriteNumber("score", Math.Round(suggestion.Score, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteBoolean(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static DateTimeOffset ParseNow(string? now, TimeProvider time)
    {
        if (now is null)
        {
            return time.GetUtcNow();
        }

        // A time without an offset would silently mean the machine's zone; ask for one instead.
        return ExplicitOffset().IsMatch(now) && DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? moment
            : throw new InspectSetupException($"--now '{now}' is not an ISO 8601 time with an offset, such as 2026-11-21T22:00:00+01:00 or 2026-11-21T21:00:00Z.");
    }

    private static IConfigurationRoot ReadConfig(FileInfo config)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonFile(config.FullName, optional: false).Build();
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException)
        {
            throw new InspectSetupException($"--config {config.FullName}: {e.Message}");
        }
    }

    /// <summary>The desk named <paramref name="desk"/> under Triage:Desks, the only desk there, or the shipped desk.</summary>
    private static DeskOptions DeskFrom(IConfiguration? settings, string? desk)
    {
        IReadOnlyList<KeyValuePair<string, DeskOptions>> desks;
        try
        {
            desks = DeskSettings.Read(settings);
        }
        catch (DeskSettingsException e)
        {
            throw new InspectSetupException(e.Message);
        }

        if (desk is null && desks.Count > 1)
        {
            throw new InspectSetupException($"--config names several desks ({string.Join(", ", desks.Select(d => d.Key))}); choose one with --desk.");
        }

        var found = desks.Where(d => desk is null || string.Equals(d.Key, desk, StringComparison.OrdinalIgnoreCase)).Select(d => d.Value).FirstOrDefault();
        if (desk is not null && found is null)
        {
            throw new InspectSetupException(settings is null
                ? "--desk needs --config FILE with Triage:Desks."
                : $"--config has no desk '{desk}' under Triage:Desks (it has: {string.Join(", ", desks.Select(d => d.Key))}).");
        }

        return found ?? new DeskOptions();
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}

/// <summary>An inspect option that names a missing or invalid file or value; the message is for the user.</summary>
internal sealed class InspectSetupException(string message) : Exception(message);
