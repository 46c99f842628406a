using System.Globalization;
using System.Text;

namespace Triage.Hosting.Tests.EndToEnd;

/// <summary>
/// A mix of mail and what it must become: one new ticket per customer, follow-ups by In-Reply-To and by
/// [#ticket] reference, out-of-office replies and bounces about those tickets (notes), and list mail (no ticket).
/// </summary>
public sealed class MailPlan
{
    private MailPlan(List<byte[]> mails, List<string> customers, List<string> automatic, Dictionary<string, int> followUps)
    {
        Mails = mails;
        Customers = customers;
        AutomaticSenders = automatic;
        FollowUpsPerTicket = followUps;
    }

    public IReadOnlyList<byte[]> Mails { get; }

    /// <summary>Human senders, each opening one ticket, in ticket-number order.</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>Out-of-office and list senders: they must never get an acknowledgement.</summary>
    public IReadOnlyList<string> AutomaticSenders { get; }

    public IReadOnlyDictionary<string, int> FollowUpsPerTicket { get; }

    public int ExpectedEvents => Customers.Count + FollowUpsPerTicket.Values.Sum();

    public static string TicketNumber(int customer) => "SUP-" + (100001 + customer).ToString(CultureInfo.InvariantCulture);

    public static string MessageId(string customer) => $"first.{customer}@mail.test";

    public static MailPlan Create(int total)
    {
        var news = total / 3;
        var byHeader = total / 6;
        var byReference = total / 6;
        var autoReplies = total / 8;
        var bounces = total / 10;
        var lists = total - news - byHeader - byReference - autoReplies - bounces;
        var customers = Enumerable.Range(0, news).Select(i => $"c{i:D4}").ToList();
        var automatic = Enumerable.Range(0, autoReplies).Select(i => $"away{i:D4}").Append("news").ToList();
        var mails = new List<byte[]>();
        var followUps = new Dictionary<string, int>();
        string[] texts =
        [
            "The till does not start since this morning, the screen stays black. Can you help?",
            "We were charged twice on invoice 2025-0317, please refund the second payment.",
            "Order 48213 has not arrived yet, where is it?",
            "How do I add a second user to the back office?",
        ];
        for (var i = 0; i < news; i++)
        {
            mails.Add(Mail(customers[i], $"Case {i}: {texts[i % texts.Length][..20]}", texts[i % texts.Length], MessageId(customers[i])));
        }

        for (var i = 0; i < byHeader; i++)
        {
            var c = i % news;
            mails.Add(Mail(customers[c], $"Re: Case {c}", "Any news on this? It is still broken.", $"hdr{i}.{customers[c]}@mail.test", $"In-Reply-To: <{MessageId(customers[c])}>\r\n"));
            followUps[TicketNumber(c)] = followUps.GetValueOrDefault(TicketNumber(c)) + 1;
        }

        for (var i = 0; i < byReference; i++)
        {
            var c = (news - 1 - i) % news;
            mails.Add(Mail(customers[c], $"More about my case [#{TicketNumber(c)}]", "Here is a bit more information.", $"ref{i}.{customers[c]}@mail.test"));
            followUps[TicketNumber(c)] = followUps.GetValueOrDefault(TicketNumber(c)) + 1;
        }

        for (var i = 0; i < autoReplies; i++)
        {
            var c = i % news;
            mails.Add(Mail(automatic[i], $"Automatic reply: Case {c}", "I am out of the office.", $"oof{i}@mail.test", $"Auto-Submitted: auto-replied\r\nIn-Reply-To: <{MessageId(customers[c])}>\r\n"));
        }

        for (var i = 0; i < bounces; i++)
        {
            var c = i % news;
            mails.Add(Encoding.UTF8.GetBytes(
                $"From: MAILER-DAEMON@mail.test\r\nTo: support@kassasystem.example\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn{i}@mail.test>\r\n" +
                "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
                "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n" +
                $"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.test\r\n\r\nFinal-Recipient: rfc822; {customers[c]}@mail.test\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
                $"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <{MessageId(customers[c])}>\r\nSubject: Case {c}\r\n" +
                "--b--\r\n"));
        }

        for (var i = 0; i < lists; i++)
        {
            mails.Add(Mail("news", $"Newsletter {i}", "Our spring offers.", $"news{i}@mail.test", "List-Id: <offers.mail.test>\r\nPrecedence: bulk\r\nList-Unsubscribe: <mailto:leave@mail.test>\r\n"));
        }

        return new MailPlan(mails, customers, automatic, followUps);
    }

    private static byte[] Mail(string user, string subject, string body, string messageId, string headers = "") =>
        Encoding.UTF8.GetBytes(
            $"From: {user} <{user}@mail.test>\r\nTo: support@kassasystem.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n" +
            $"Date: Tue, 04 Mar 2025 09:05:00 +0100\r\n{headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
}
