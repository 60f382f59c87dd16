namespace PartnershipPortal.Data.Seeding;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every machine and every .NET version,
/// which System.Random does not promise.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
