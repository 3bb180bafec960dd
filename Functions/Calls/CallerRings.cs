using System.Globalization;
using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// At most <see cref="CallOptions.RingsPerHour"/> calls an hour (UTC clock hours) from one number ring staff
/// phones; past it the call goes straight to voicemail, so a robocaller or a dialler cannot keep staff phones
/// ringing (each leg is a billed call). Counted in this instance's memory, so with several instances the bound
/// is that many times the setting; the count holds no number past its hour.
/// </summary>
internal sealed class CallerRings(TimeProvider time, IOptions<CallOptions> options)
{
    /// <summary>Callers counted in one hour at most; past it, new callers are not counted (and may ring).</summary>
    private const int MaxCallers = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _rang = new(StringComparer.Ordinal);
    private string? _hour;

    /// <summary>Whether this call may ring staff; counted when it may.</summary>
    public bool MayRing(string from)
    {
        var hour = time.GetUtcNow().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            if (_hour != hour)
            {
                _hour = hour;
                _rang.Clear();
            }

            var rang = _rang.GetValueOrDefault(from);
            if (rang >= options.Value.RingsPerHour)
            {
                return false;
            }

            if (rang > 0 || _rang.Count < MaxCallers)
            {
                _rang[from] = rang + 1;
            }

            return true;
        }
    }
}
