using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Policies;
using Triage.Hosting.Classification;
using Triage.Hosting.Mail;

namespace Triage.Cli;

/// <summary>
/// <c>triage inspect</c>: what the pipeline makes of each mail (kind, reply policy, new text, thread links, classes,
/// and the support policies: priority, route, due time, customer, fair use, self-help).
/// </summary>
internal static class InspectCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Mail files, or folders whose files (any extension, recursively) are all read as mail. The id is the file name.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var jsonlIn = new Option<FileInfo?>("--jsonl-in")
        {
            Description = "Read mails from a JSON Lines file instead: each line {\"id\", \"raw\": full message} or {\"id\", \"text\": plain body} or {\"id\", \"html\": HTML body}; the id is echoed back.",
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl: one JSON object per mail on stdout with id, message_id, kind (human, auto-reply, bounce, list, system, feedback-report), out_of_office, bounced_recipients, sent_to_noreply, auto_reply_allowed, auto_reply_reason, new_text, ticket_ref, normalized_subject, in_reply_to, references, returned_message_id, language, topic, topic_confidence, topic_scores, critical, critical_confidence, multi_question, questions, signals; "
                + "and for human mail (null or [] otherwise) priority (P1 critical, P2 priority support, P3 normal, P4 fair use exceeded), route (oncall: critical outside the desk's opening hours; else normal), urgent (critical within opening hours), due_at (first-response due time, ISO 8601 UTC), account_id (from --customers), fair_use_exceeded, fair_use_reason, ack_notes (what the acknowledgement adds, e.g. the on-call number), kb_suggestions ([{id, title, score}], up to three). table: a summary for people.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var models = new Option<DirectoryInfo>("--models")
        {
            Description = "Folder with topic.model, critical.model and language.model (each optional; a missing one leaves its fields null).",
            DefaultValueFactory = _ => new DirectoryInfo("models"),
        };
        var now = new Option<string?>("--now")
        {
            Description = "The moment to judge at, ISO 8601 with an offset (2026-11-21T22:00:00+01:00); default: the current time. Every mail counts as received then: it decides route, urgent, due_at, fair use and active incidents.",
        };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "JSON configuration with Triage:Desks:<name> (desk settings as in src/Triage.Core/Policies/README.md) and Triage:FairUse (Enabled, Windows [{Window, MaxMails}], MaxOpenTickets). Default: the shipped Stockholm desk and fair use of at most 10 mails in 24 h and 5 open tickets.",
        };
        var desk = new Option<string?>("--desk")
        {
            Description = "Which desk of --config to use; needed when it has several.",
        };
        var customers = new Option<FileInfo?>("--customers")
        {
            Description = "Customer file (.csv or .json) mapping addresses and domains to accounts; gives account_id, and P2 to accounts with priority_support.",
        };
        var kb = new Option<DirectoryInfo?>("--kb")
        {
            Description = "Knowledge-base folder (<lang>/<id>.md) for kb_suggestions; default: the shipped knowledge base.",
        };
        var command = new Command("inspect", "Show what the pipeline makes of mail: automatic or human, whether we may acknowledge it, the customer's new text, the ticket it refers to, its language, topic, urgency and questions, and its priority, route, due time, account, fair use and self-help articles. There is no store here: fair use counts the earlier mails of the same run from the same sender, each opening a ticket unless it quotes a ticket reference.")
        {
            paths,
            jsonlIn,
            format,
            models,
            now,
            config,
            desk,
            customers,
            kb,
        };
        command.SetAction((result, cancellationToken) =>
        {
            InspectPolicies policies;
            try
            {
                policies = InspectPolicies.Load(result.GetValue(now), result.GetValue(config), result.GetValue(desk), result.GetValue(customers), result.GetValue(kb), TimeProvider.System);
            }
            catch (InspectSetupException e)
            {
                Console.Error.WriteLine($"triage inspect: {e.Message}");
                return Task.FromResult(2);
            }

            return RunAsync(result.GetValue(paths) ?? [], result.GetValue(jsonlIn), result.GetValue(format)!, result.GetValue(models)!, policies, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, FileInfo? jsonlIn, string format, DirectoryInfo models, InspectPolicies policies, CancellationToken cancellationToken)
    {
        if (paths.Length == 0 && jsonlIn is null)
        {
            await Console.Error.WriteLineAsync("triage inspect: give mail files or folders, or --jsonl-in FILE").ConfigureAwait(false);
            return 2;
        }

        var hygiene = new MailHygiene(HygieneOptions.Default);
        MailClassifier classifier;
        try
        {
            classifier = MailClassifier.Load(models.FullName);
        }
        catch (Triage.Classification.ModelFileException e)
        {
            await Console.Error.WriteLineAsync($"triage inspect: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Id").AddColumn("Kind", c => c.NoWrap()).AddColumn("Ack", c => c.NoWrap())
            .AddColumn("Ticket", c => c.NoWrap()).AddColumn("Lang", c => c.NoWrap()).AddColumn("Topic", c => c.NoWrap())
            .AddColumn("Crit", c => c.NoWrap()).AddColumn("Qs", c => c.NoWrap()).AddColumn("Prio", c => c.NoWrap())
            .AddColumn("Due (desk time)", c => c.NoWrap()).AddColumn("New text");
        using var stdout = Console.OpenStandardOutput();
        var failed = 0;
        await foreach (var (id, mail) in ReadAsync(paths, jsonlIn, cancellationToken).ConfigureAwait(false))
        {
            if (mail is null)
            {
                failed++;
                continue;
            }

            var result = hygiene.Inspect(mail);
            var classes = classifier.Classify(result.Links.NormalizedSubject, result.NewText);
            var policy = await policies.EvaluateAsync(mail, result, classes, cancellationToken).ConfigureAwait(false);
            if (format == "table")
            {
                AddRow(table, mail, result, classes, policy, policies.Calendar);
            }
            else
            {
                await stdout.WriteAsync(ToJsonLine(id, mail, result, classes, policy), cancellationToken).ConfigureAwait(false);
            }
        }

        if (format == "table")
        {
            AnsiConsole.Write(table);
        }

        return failed > 0 ? 1 : 0;
    }

    private static async IAsyncEnumerable<(JsonElement Id, InboundMail? Mail)> ReadAsync(
        string[] paths, FileInfo? jsonlIn, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (jsonlIn is not null)
        {
            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(jsonlIn.FullName, cancellationToken).ConfigureAwait(false))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                yield return ParseLine(line, number);
            }

            yield break;
        }

        foreach (var file in MailFiles.Expand(paths))
        {
            var id = JsonSerializer.SerializeToElement(Path.GetFileName(file));
            byte[]? raw = null;
            try
            {
                raw = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"triage inspect: cannot read {file}: {e.Message}").ConfigureAwait(false);
            }

            yield return (id, raw is null ? null : MimeMailAdapter.FromRaw(Path.GetFileName(file), raw));
        }
    }

    private static (JsonElement Id, InboundMail? Mail) ParseLine(string line, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : JsonSerializer.SerializeToElement(number);
            var idText = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
            if (root.TryGetProperty("raw", out var raw) && raw.GetString() is { } message)
            {
                return (id, MimeMailAdapter.FromRaw(idText, System.Text.Encoding.UTF8.GetBytes(message)));
            }

            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            var html = root.TryGetProperty("html", out var h) ? h.GetString() : null;
            return (id, MimeMailAdapter.FromBody(idText, text, html));
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"triage inspect: line {number} is not JSON: {e.Message}");
            return (JsonSerializer.SerializeToElement(number), null);
        }
    }

    private static byte[] ToJsonLine(JsonElement id, InboundMail mail, HygieneResult result, ClassificationResult classes, PolicyFields? policy)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            id.WriteTo(json);
            json.WriteString("message_id", mail.MessageId);
            json.WriteString("kind", result.Verdict.Kind.ToWireName());
            json.WriteBoolean("out_of_office", result.Verdict.OutOfOffice);
            WriteStrings(json, "bounced_recipients", result.Verdict.BouncedRecipients);
            json.WriteBoolean("sent_to_noreply", result.SentToNoReply);
            json.WriteBoolean("auto_reply_allowed", result.Reply.Allowed);
            json.WriteString("auto_reply_reason", result.Reply.Reason);
            json.WriteString("new_text", result.NewText);
            json.WriteString("ticket_ref", result.Links.TicketRef);
            json.WriteString("normalized_subject", result.Links.NormalizedSubject);
            json.WriteString("in_reply_to", result.Links.InReplyTo.Count > 0 ? string.Join(' ', result.Links.InReplyTo) : null);
            WriteStrings(json, "references", result.Links.References);
            json.WriteString("returned_message_id", result.Verdict.ReturnedMessageId);
            json.WriteString("language", classes.Language);
            json.WriteString("topic", classes.Topic);
            WriteNumber(json, "topic_confidence", classes.TopicConfidence);
            if (classes.TopicScores is { } scores)
            {
                json.WriteStartObject("topic_scores");
                foreach (var (label, score) in scores.OrderByDescending(s => s.Value))
                {
                    json.WriteNumber(label, Math.Round(score, 4));
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("topic_scores");
            }

            if (classes.Critical is { } critical)
            {
                json.WriteBoolean("critical", critical);
            }
            else
            {
                json.WriteNull("critical");
            }

            WriteNumber(json, "critical_confidence", classes.CriticalConfidence);
            json.WriteBoolean("multi_question", classes.MultiQuestion);
            WriteStrings(json, "questions", classes.Questions);
            WriteStrings(json, "signals", result.Verdict.Signals);
            InspectPolicies.Write(json, policy);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void AddRow(Table table, InboundMail mail, HygieneResult result, ClassificationResult classes, PolicyFields? policy, BusinessCalendar calendar)
    {
        var kind = result.Verdict.Kind.ToWireName() + (result.Verdict.OutOfOffice ? " (OOO)" : string.Empty);
        var firstLine = string.Join(' ', result.NewText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        table.AddRow(
            Markup.Escape(TableText.Shorten(mail.Id, 30)),
            result.Verdict.Kind == MailKind.Human ? kind : $"[yellow]{Markup.Escape(kind)}[/]",
            result.Reply.Allowed ? "[green]yes[/]" : "no",
            Markup.Escape(result.Links.TicketRef ?? "-"),
            Markup.Escape(classes.Language ?? "-"),
            Markup.Escape(classes.Topic ?? "-"),
            classes.Critical == true ? "[red]yes[/]" : "-",
            classes.Questions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            policy?.Decision is { } d ? Markup.Escape(d.Priority.ToWireName() + (d.Route == SupportRoute.OnCall ? " oncall" : d.Urgent ? " urgent" : "")) : "-",
            policy?.Decision is { } due ? calendar.ToLocal(due.DueAt).ToString("ddd yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-",
            Markup.Escape(TableText.Shorten(firstLine, 50)));
    }
}
