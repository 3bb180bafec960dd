namespace FollowUp.Core;

/// <summary>A submission's field errors, by field name: what a 422 lists.</summary>
internal sealed class FieldErrors
{
    public Dictionary<string, string[]> All { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Count => All.Count;

    public bool Has(string name) => All.ContainsKey(name);

    public void Add(string name, string message) =>
        All[name] = All.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
}
