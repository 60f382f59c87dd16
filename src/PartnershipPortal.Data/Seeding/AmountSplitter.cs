namespace PartnershipPortal.Data.Seeding;

public static class AmountSplitter
{
    /// <summary>
    /// Splits <paramref name="total"/> into <paramref name="count"/> positive multiples of <paramref name="step"/>
    /// that add up to the total exactly, each within roughly ±40 % of the mean.
    /// </summary>
    public static long[] Split(long total, int count, long step, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        if (total % step != 0)
        {
            throw new ArgumentException($"{total} is not a multiple of {step}.", nameof(total));
        }

        var units = total / step;
        if (units < count)
        {
            throw new ArgumentException($"{total} cannot be split into {count} positive parts of {step}.", nameof(total));
        }

        var weights = new long[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = 60 + random.Next(81); // 60..140: ±40 % around the mean
        }

        var weightSum = weights.Sum();
        var parts = new long[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = Math.Max(1, units * weights[i] / weightSum);
        }

        // Integer division leaves a few units over (or, after the Max(1), short): hand them out one at a time.
        var difference = units - parts.Sum();
        for (var i = 0; difference != 0; i = (i + 1) % count)
        {
            if (difference > 0)
            {
                parts[i]++;
                difference--;
            }
            else if (parts[i] > 1)
            {
                parts[i]--;
                difference++;
            }
        }

        return [.. parts.Select(p => p * step)];
    }
}
