namespace Triage.Mime.Html;

/// <summary>
/// Tolerances and presentation choices for <see cref="HtmlToText"/>; clone with <c>with</c>,
/// start from <see cref="Default"/>.
/// </summary>
public sealed record HtmlToTextOptions
{
    /// <summary>The options <see cref="HtmlToText.Convert(string?)"/> uses.</summary>
    public static HtmlToTextOptions Default { get; } = new();

    /// <summary>
    /// Append <c> &lt;url&gt;</c> after a link's text when the http(s)/mailto target differs from that text.
    /// </summary>
    public bool KeepLinkUrls { get; init; } = true;

    /// <summary>Written once per blockquote level at the start of every quoted line.</summary>
    public string QuotePrefix { get; init; } = "> ";

    /// <summary>
    /// Written between the cells of a table row. " | " rather than a tab: ticket views render HTML,
    /// where a tab collapses into one space and the cells would run together.
    /// </summary>
    public string CellSeparator { get; init; } = " | ";

    /// <summary>
    /// The longest text returned, in UTF-16 units; conversion stops early once it is reached.
    /// Values below 1 give an empty string.
    /// </summary>
    public int MaxOutputLength { get; init; } = int.MaxValue;

    /// <summary>
    /// The most HTML read, in UTF-16 units; the rest is ignored. Keeps a pathological body from costing seconds
    /// (4 Mi characters parse in well under a second).
    /// </summary>
    public int MaxInputLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Leave out what mail clients wrap around quoted history (gmail_quote, blockquote type=cite, Outlook's
    /// divRplyFwdMsg / appendonsend and what follows them, yahoo_quoted…), so only the new message remains.
    /// </summary>
    public bool DropQuotedReplies { get; init; }
}
