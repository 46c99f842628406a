namespace Triage.Core.Hygiene.Trimming;

/// <summary>A line of the text as a range (no copy), without its line break, and what it is.</summary>
internal record struct Line(int Start, int Length, LineKind Kind)
{
    public readonly ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);
}
