using System.Collections;

namespace Triage.Mime;

/// <summary>Header fields in the order they were written. Name look-ups are case-insensitive; the first field wins.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    internal static readonly HeaderList Empty = new([]);

    private readonly List<Header> _headers;

    internal HeaderList(List<Header> headers) => _headers = headers;

    public int Count => _headers.Count;

    public Header this[int index] => _headers[index];

    /// <summary>The value of the first field with this name, or null.</summary>
    public string? this[string name] => Find(name)?.Value;

    public Header? Find(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header;
            }
        }

        return null;
    }

    public bool Contains(string name) => Find(name) is not null;

    public IEnumerable<Header> FindAll(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return header;
            }
        }
    }

    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
