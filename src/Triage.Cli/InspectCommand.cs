using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Hosting.Classification;
using Triage.Hosting.Mail;

namespace Triage.Cli;

/// <summary><c>triage inspect</c>: what the pipeline makes of each mail (kind, reply policy, new text, thread links).</summary>
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
            Description = "jsonl: one JSON object per mail on stdout (id, message_id, kind, out_of_office, bounced_recipients, sent_to_noreply, auto_reply_allowed, new_text, ticket_ref, normalized_subject, in_reply_to, references); table: a summary for people.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var models = new Option<DirectoryInfo>("--models")
        {
            Description = "Folder with topic.model, critical.model and language.model (each optional; a missing one leaves its fields null).",
            DefaultValueFactory = _ => new DirectoryInfo("models"),
        };
        var command = new Command("inspect", "Show what the pipeline makes of mail: automatic or human, whether we may acknowledge it, the customer's new text, the ticket it refers to, and its language, topic, urgency and questions.")
        {
            paths,
            jsonlIn,
            format,
            models,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(paths) ?? [], result.GetValue(jsonlIn), result.GetValue(format)!, result.GetValue(models)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, FileInfo? jsonlIn, string format, DirectoryInfo models, CancellationToken cancellationToken)
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
            .AddColumn("Crit", c => c.NoWrap()).AddColumn("Qs", c => c.NoWrap()).AddColumn("New text");
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
            if (format == "table")
            {
                AddRow(table, mail, result, classes);
            }
            else
            {
                await stdout.WriteAsync(ToJsonLine(id, mail, result, classes), cancellationToken).ConfigureAwait(false);
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

    private static byte[] ToJsonLine(JsonElement id, InboundMail mail, HygieneResult result, ClassificationResult classes)
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

    private static void AddRow(Table table, InboundMail mail, HygieneResult result, ClassificationResult classes)
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
            Markup.Escape(TableText.Shorten(firstLine, 50)));
    }
}
