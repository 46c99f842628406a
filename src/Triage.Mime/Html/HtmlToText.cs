namespace Triage.Mime.Html;

// STUB: replaced by the HTML work.
public static class HtmlToText
{
    public static string Convert(string html) => html;
}
