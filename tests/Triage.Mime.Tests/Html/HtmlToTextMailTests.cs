using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

/// <summary>Whole mails as the common clients write them (hand-made, in the markup each client produces).</summary>
public class HtmlToTextMailTests
{
    internal const string OutlookDesktopSv = """
        <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <meta name="Generator" content="Microsoft Word 15 (filtered medium)">
        <!--[if !mso]><style>v\:* {behavior:url(#default#VML);}
        o\:* {behavior:url(#default#VML);}
        </style><![endif]--><style><!--
        p.MsoNormal, li.MsoNormal, div.MsoNormal
        	{margin:0cm;
        	font-size:11.0pt;
        	font-family:"Calibri",sans-serif;}
        --></style><!--[if gte mso 9]><xml>
        <o:shapedefaults v:ext="edit" spidmax="1026" />
        </xml><![endif]--><!--[if gte mso 9]><xml>
        <o:shapelayout v:ext="edit">
        <o:idmap v:ext="edit" data="1" />
        </o:shapelayout></xml><![endif]-->
        </head>
        <body lang="SV" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
        <div class="WordSection1">
        <p class="MsoNormal">Hej,<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <p class="MsoNormal">kassan startar inte sedan uppdateringen i morse. Felkod <b>E-1042</b> visas i&nbsp;rutan.<o:p></o:p></p>
        <p class="MsoNormal">Vi har startat om datorn två gånger.<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <p class="MsoNormal">Med vänliga hälsningar<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
        <tr>
        <td width="80" valign="top" style="width:60.0pt;padding:0cm 5.4pt 0cm 5.4pt">
        <p class="MsoNormal"><img width="64" height="64" id="Bild_x0020_1" src="cid:image001.png@01DB8C2A.5F3E1D20" alt="Butiken i Lund"><o:p></o:p></p>
        </td>
        <td valign="top" style="padding:0cm 5.4pt 0cm 5.4pt">
        <p class="MsoNormal"><b>Anna Svensson</b><o:p></o:p></p>
        <p class="MsoNormal">Butikschef<o:p></o:p></p>
        <p class="MsoNormal">Tel. 046-12 34 56 | <a href="mailto:anna@butiken.se">anna@butiken.se</a><o:p></o:p></p>
        </td>
        </tr>
        </table>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <div>
        <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
        <p class="MsoNormal"><b>Från:</b> Kassasupport &lt;support@kassa.se&gt; <br>
        <b>Skickat:</b> den 3 mars 2025 09:12<br>
        <b>Till:</b> Anna Svensson &lt;anna@butiken.se&gt;<br>
        <b>Ämne:</b> SV: Ärende #4711<o:p></o:p></p>
        </div>
        </div>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <p class="MsoNormal">Hej Anna,<o:p></o:p></p>
        <p class="MsoNormal">Har ni installerat version 5.2?<o:p></o:p></p>
        </div>
        </body>
        </html>
        """;

    private const string OutlookDesktopSvText = """
        Hej,

        kassan startar inte sedan uppdateringen i morse. Felkod E-1042 visas i rutan.
        Vi har startat om datorn två gånger.

        Med vänliga hälsningar

        Butiken i Lund
        Anna Svensson
        Butikschef
        Tel. 046-12 34 56 | anna@butiken.se

        Från: Kassasupport <support@kassa.se>
        Skickat: den 3 mars 2025 09:12
        Till: Anna Svensson <anna@butiken.se>
        Ämne: SV: Ärende #4711

        Hej Anna,
        Har ni installerat version 5.2?
        """;

    private const string OutlookWebFi = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head>
        <body dir="ltr">
        <div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">Hei,</div>
        <div class="elementToProof" style="font-family: Aptos; font-size: 12pt;"><br></div>
        <div class="elementToProof" style="font-family: Aptos; font-size: 12pt;">kuittitulostin ei tulosta mitään. Valo vilkkuu punaisena.</div>
        <div class="elementToProof" style="font-family: Aptos; font-size: 12pt;"><br></div>
        <div class="elementToProof" style="font-family: Aptos; font-size: 12pt;">Terveisin<br>Matti Virtanen</div>
        <div id="appendonsend"></div>
        <hr style="display:inline-block;width:98%" tabindex="-1">
        <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>Lähettäjä:</b> Tuki &lt;tuki@kassa.fi&gt;<br><b>Lähetetty:</b> maanantai 3. maaliskuuta 2025 10.15<br><b>Vastaanottaja:</b> Matti Virtanen &lt;matti@kauppa.fi&gt;<br><b>Aihe:</b> Tukipyyntö 8812</font>
        <div>&nbsp;</div></div>
        <div class="BodyFragment"><font size="2"><span style="font-size:11pt;"><div class="PlainText">Hei Matti,<br><br>onko tulostimessa paperia?<br></div></span></font></div>
        </body></html>
        """;

    private const string OutlookWebFiText = """
        Hei,

        kuittitulostin ei tulosta mitään. Valo vilkkuu punaisena.

        Terveisin
        Matti Virtanen

        Lähettäjä: Tuki <tuki@kassa.fi>
        Lähetetty: maanantai 3. maaliskuuta 2025 10.15
        Vastaanottaja: Matti Virtanen <matti@kauppa.fi>
        Aihe: Tukipyyntö 8812

        Hei Matti,

        onko tulostimessa paperia?
        """;

    private const string GmailNb = """
        <div dir="ltr"><div>Hei!</div><div><br></div><div>Betalingsterminalen viser &quot;Ingen forbindelse&quot; siden i går.</div><div>Vi har prøvd å starte den på nytt.</div><div><br></div><div>Mvh</div><div><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Kari Nordmann<div>Butikksjef, Sko &amp; Sånn AS</div><div><a href="https://skoogsann.no" target="_blank">skoogsann.no</a></div></div></div></div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">tir. 4. mar. 2025 kl. 10:12 skrev Kundeservice &lt;<a href="mailto:hjelp@terminal.no">hjelp@terminal.no</a>&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Hei Kari,<div><br></div><div>Kan du sende serienummeret?</div></div></blockquote></div>
        """;

    private const string GmailNbText = """
        Hei!

        Betalingsterminalen viser "Ingen forbindelse" siden i går.
        Vi har prøvd å starte den på nytt.

        Mvh
        Kari Nordmann
        Butikksjef, Sko & Sånn AS
        skoogsann.no

        tir. 4. mar. 2025 kl. 10:12 skrev Kundeservice <hjelp@terminal.no>:

        > Hei Kari,
        >
        > Kan du sende serienummeret?
        """;

    private const string AppleMailNl = """
        <html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">Hallo,<div><br></div><div>De bonprinter in filiaal Utrecht drukt geen bonnen meer af.</div><div><br></div><div>Met vriendelijke groet,</div><div>Jan de Vries</div><div><br id="lineBreakAtBeginningOfMessage"><div><br><blockquote type="cite"><div>Op 3 mrt 2025, om 09:12 heeft Helpdesk &lt;helpdesk@kassa.nl&gt; het volgende geschreven:</div><br class="Apple-interchange-newline"><div><div>Beste Jan,<br><br>Welke foutmelding ziet u?<br></div></div></blockquote></div><br></div></body></html>
        """;

    private const string AppleMailNlText = """
        Hallo,

        De bonprinter in filiaal Utrecht drukt geen bonnen meer af.

        Met vriendelijke groet,
        Jan de Vries

        > Op 3 mrt 2025, om 09:12 heeft Helpdesk <helpdesk@kassa.nl> het volgende geschreven:
        >
        > Beste Jan,
        >
        > Welke foutmelding ziet u?
        """;

    private const string IPhoneDa = """
        <html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Hej<div><br></div><div>Dankortterminalen er gået i stå igen 😩</div><div><br></div><div>Mvh Mette<br><br><div dir="ltr">Sendt fra min iPhone</div></div></body></html>
        """;

    private const string IPhoneDaText = """
        Hej

        Dankortterminalen er gået i stå igen 😩

        Mvh Mette

        Sendt fra min iPhone
        """;

    private const string NewsletterDe = """
        <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ihre Bestellung</title><style>@media only screen { .x { display:block } }</style><!--[if mso]><style>table{border-collapse:collapse}</style><![endif]--></head>
        <body style="margin:0;padding:0">
        <div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all">Ihre Bestellung 10042 wurde versandt&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;</div>
        <!--[if mso]><table role="presentation" width="600"><tr><td><![endif]-->
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
        <table role="presentation" width="600"><tr><td><img src="https://cdn.shop.de/logo.png" alt="Kassenwelt GmbH" width="120"></td></tr>
        <tr><td><h1 style="font-size:22px">Guten Tag Herr M&uuml;ller,</h1><p>vielen Dank f&uuml;r Ihre Bestellung. Ihr Bondrucker ist unterwegs.</p>
        <table><tr><td>Artikel</td><td>Menge</td><td>Preis</td></tr><tr><td>Bondrucker TM-30</td><td>1</td><td>249,00&nbsp;&euro;</td></tr></table>
        <p><a href="https://track.shop.de/abc?id=10042" style="background:#c00;color:#fff;padding:10px">Sendung verfolgen</a></p></td></tr></table>
        </td></tr></table>
        <!--[if mso]></td></tr></table><![endif]-->
        </body></html>
        """;

    private const string NewsletterDeText = """
        Kassenwelt GmbH

        Guten Tag Herr Müller,

        vielen Dank für Ihre Bestellung. Ihr Bondrucker ist unterwegs.

        Artikel | Menge | Preis
        Bondrucker TM-30 | 1 | 249,00 €

        Sendung verfolgen <https://track.shop.de/abc?id=10042>
        """;

    private const string OutlookOriginalMessageEn = """
        <div class=WordSection1><p class=MsoNormal>Thanks, the printer works again.<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Steps we tried:<o:p></o:p></p>
        <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Restarted the till<o:p></o:p></p>
        <p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Reinstalled the driver<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>-----Original Message-----<br>From: Helpdesk [mailto:help@pos.example]<br>Sent: Monday, March 3, 2025 9:12 AM<br>To: Tom Baker &lt;tom@shop.example&gt;<br>Cc: Store 12 &lt;store12@shop.example&gt;<br>Subject: RE: Receipt printer offline<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Hi Tom, please try restarting the till first.<o:p></o:p></p></div>
        """;

    private const string OutlookOriginalMessageEnText = """
        Thanks, the printer works again.

        Steps we tried:
        · Restarted the till
        · Reinstalled the driver

        -----Original Message-----
        From: Helpdesk [mailto:help@pos.example]
        Sent: Monday, March 3, 2025 9:12 AM
        To: Tom Baker <tom@shop.example>
        Cc: Store 12 <store12@shop.example>
        Subject: RE: Receipt printer offline

        Hi Tom, please try restarting the till first.
        """;

    /// <summary>The mails above, for tests that only need realistic input.</summary>
    public static TheoryData<string> AllMails => new()
    {
        OutlookDesktopSv, OutlookWebFi, GmailNb, AppleMailNl, IPhoneDa, NewsletterDe, OutlookOriginalMessageEn,
    };

    public static TheoryData<string, string, string> MailsWithText => new()
    {
        { "Outlook desktop, sv: Word paragraphs, signature table, reply header", OutlookDesktopSv, OutlookDesktopSvText },
        { "Outlook on the web, fi: div lines, hr, divRplyFwdMsg", OutlookWebFi, OutlookWebFiText },
        { "Gmail, nb: gmail_signature, gmail_quote", GmailNb, GmailNbText },
        { "Apple Mail, nl: blockquote type=cite", AppleMailNl, AppleMailNlText },
        { "iPhone, da", IPhoneDa, IPhoneDaText },
        { "Newsletter, de: preheader, mso conditionals, layout tables", NewsletterDe, NewsletterDeText },
        { "Outlook, en: Word list paragraphs, Original Message header", OutlookOriginalMessageEn, OutlookOriginalMessageEnText },
    };

    [Theory]
    [MemberData(nameof(MailsWithText))]
    public void Convert_ClientMail_ReadableText(string client, string html, string expected)
    {
        Assert.NotEmpty(client);
        Assert.Equal(expected.ReplaceLineEndings("\n"), HtmlToText.Convert(html));
    }

    [Theory]
    [MemberData(nameof(AllMails))]
    public void Convert_ClientMail_NoMarkupOrOfficeResidue(string html)
    {
        var text = HtmlToText.Convert(html);

        foreach (var residue in (string[])["<o:", "[if", "endif", "mso", "{", "&nbsp;", "&lt;", "\u00A0", "Preheader", "versandt"])
        {
            Assert.DoesNotContain(residue, text, StringComparison.OrdinalIgnoreCase);
        }

        TextInvariants.AssertClean(text);
    }
}
