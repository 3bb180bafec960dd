namespace FollowUp.Intake;

/// <summary>
/// How the client named the fields: JSON may nest a referral (<c>{"referrer": {"email": …}, "prospect": {…}}</c>),
/// and an error then names the field as sent (<c>referrer.email</c>), not as the flat form posts it (<c>referrerEmail</c>).
/// </summary>
internal readonly record struct SentNames(bool NestedProspect, bool NestedReferrer)
{
    private const string Referrer = "referrer";

    public string AsSent(string flat) =>
        NestedReferrer && flat.Length > Referrer.Length && flat.StartsWith(Referrer, StringComparison.OrdinalIgnoreCase)
            ? $"{Referrer}.{char.ToLowerInvariant(flat[Referrer.Length])}{flat[(Referrer.Length + 1)..]}"
            : NestedProspect && !flat.StartsWith(Referrer, StringComparison.OrdinalIgnoreCase) ? "prospect." + flat
            : flat;

    public Dictionary<string, string[]> AsSent(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        var names = this;
        return errors.ToDictionary(e => names.AsSent(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);
    }
}
