namespace FollowUp.Core;

/// <summary>Finds open inquiries by the code staff texts carry (the end of the id), for staff SMS commands.</summary>
internal sealed class InquiryCodes(FollowUpStorage storage)
{
    /// <summary>
    /// Whether a word is an inquiry code: 4 to 8 characters of the id alphabet (codes texted before they
    /// grew to six characters still work). Words with I, L, O or U, like most words of a note, are not.
    /// </summary>
    public static bool LooksLikeCode(string word) =>
        word.Length is >= 4 and <= 8 && word.All(c => IdGenerator.Alphabet.Contains(char.ToUpperInvariant(c)));

    /// <summary>Every open inquiry whose id ends with <paramref name="code"/>.</summary>
    public async Task<List<InquiryEntity>> FindOpenAsync(string code, CancellationToken cancellationToken)
    {
        var matches = new List<InquiryEntity>();
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(
            InquiryRows.Headers($"Status eq {InquiryStatus.Open}"), select: [nameof(InquiryEntity.PartitionKey), nameof(InquiryEntity.Name)], cancellationToken: cancellationToken))
        {
            if (inquiry.Id.EndsWith(code, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(inquiry);
            }
        }

        return matches;
    }
}
