namespace Triage.Mime;

/// <summary>One mailbox from an address header. Groups are flattened; <see cref="Group"/> names the group a member came from.</summary>
public sealed record MailboxAddress(string? Name, string Address)
{
    public string? Group { get; init; }

    public override string ToString() =>
        string.IsNullOrEmpty(Name) ? Address : $"\"{Name}\" <{Address}>";
}
