namespace Triage.Core.Hygiene.Trimming;

/// <summary>What one line of a reply is, as far as trimming cares.</summary>
internal enum LineKind
{
    Text,
    Empty,

    /// <summary>Starts with "&gt;" (or a supercite "Name&gt;"): a line of the quoted message.</summary>
    Quote,

    /// <summary>A line made only of separator characters ("--", "____", "====="): a signature or the quoted message follows.</summary>
    Delimiter,

    /// <summary>"Sent from my iPhone", "Skickat från min iPhone", "Hämta Outlook för iOS"…</summary>
    MobileFooter,

    /// <summary>"On … wrote:", "Den … skrev …:", "… kirjoitti:", possibly wrapped over several lines.</summary>
    Attribution,

    /// <summary>"-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:"…</summary>
    ForwardMarker,

    /// <summary>A line of an Outlook-style header block (From:/Sent:/To:/Subject: in any language) that qualified as a block.</summary>
    HeaderBlock,
}
