namespace PartnershipPortal.Web.Features.Bilan.Pdf;

/// <summary>
/// Splits one line of text into directional runs in visual order, for HarfBuzz: HarfBuzz shapes a run in one
/// direction and does no bidi reordering, so a whole Arabic line shaped right to left would print "6 990 500" as
/// "005 099 6". This is the part of the Unicode bidi algorithm (UAX #9) the bilan's texts need, without embeddings:
/// Arabic letters are right to left; digits with the separators between them (W4: the no-break space PortalFormat
/// groups with, comma, dot, slash, colon) and the % or currency sign next to them (W5) form left-to-right numbers;
/// Latin words are left to right; neutrals take the direction of both neighbours when they agree (numbers counting
/// as right to left, N1), else the paragraph's (N2).
/// </summary>
public static class BidiRuns
{
    public readonly record struct Run(string Text, bool RightToLeft);

    private enum Kind : byte
    {
        Right,
        Left,
        Number,
        Separator,
        Terminator,
        Neutral,
    }

    /// <summary>
    /// The direction of a line from its first letter (UAX #9 P2/P3), or <paramref name="fallback"/> when it has none:
    /// a French activity title in the Arabic bilan reads left to right, with its punctuation where it belongs.
    /// </summary>
    public static bool IsRightToLeft(string text, bool fallback)
    {
        foreach (var c in text)
        {
            switch (Classify(c))
            {
                case Kind.Right: return true;
                case Kind.Left: return false;
            }
        }

        return fallback;
    }

    /// <summary>The runs of <paramref name="text"/>, left to right on the page.</summary>
    public static List<Run> Visual(string text, bool rightToLeftParagraph)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var kinds = text.Select(Classify).ToArray();
        ResolveNumbers(kinds, rightToLeftParagraph);
        var levels = ResolveLevels(kinds, rightToLeftParagraph);

        // Runs of equal level in logical order; a right-to-left paragraph lists them from the right.
        var runs = new List<Run>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || levels[i] != levels[start])
            {
                runs.Add(new Run(text[start..i], levels[start]));
                start = i;
            }
        }

        if (rightToLeftParagraph)
        {
            runs.Reverse();
        }

        return runs;
    }

    private static void ResolveNumbers(Kind[] kinds, bool rightToLeftParagraph)
    {
        // W4: one separator between two digits belongs to the number (6 990 500, 12,5, 01/02/2017).
        for (var i = 1; i < kinds.Length - 1; i++)
        {
            if (kinds[i] == Kind.Separator && kinds[i - 1] == Kind.Number && kinds[i + 1] == Kind.Number)
            {
                kinds[i] = Kind.Number;
            }
        }

        // W5: % and currency signs touching a number.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Terminator)
            {
                continue;
            }

            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Terminator)
            {
                end++;
            }

            if ((i > 0 && kinds[i - 1] == Kind.Number) || (end < kinds.Length && kinds[end] == Kind.Number))
            {
                Array.Fill(kinds, Kind.Number, i, end - i);
            }

            i = end - 1;
        }

        // W7: a number after Latin text (or at the start of a left-to-right paragraph) reads as Latin.
        var lastStrongLeft = !rightToLeftParagraph;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Left)
            {
                lastStrongLeft = true;
            }
            else if (kinds[i] == Kind.Right)
            {
                lastStrongLeft = false;
            }
            else if (kinds[i] == Kind.Number && lastStrongLeft)
            {
                kinds[i] = Kind.Left;
            }
        }
    }

    /// <summary>True where the character is laid out right to left.</summary>
    private static bool[] ResolveLevels(Kind[] kinds, bool rightToLeftParagraph)
    {
        var rtl = new bool[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            switch (kinds[i])
            {
                case Kind.Right:
                    rtl[i] = true;
                    break;
                case Kind.Left:
                case Kind.Number:
                    rtl[i] = false;
                    break;
                default:
                    var end = i;
                    while (end < kinds.Length && IsNeutral(kinds[end]))
                    {
                        end++;
                    }

                    var before = i == 0 ? (bool?)rightToLeftParagraph : StrongRtl(kinds[i - 1]);
                    var after = end == kinds.Length ? (bool?)rightToLeftParagraph : StrongRtl(kinds[end]);
                    var direction = before == after ? before!.Value : rightToLeftParagraph;
                    Array.Fill(rtl, direction, i, end - i);
                    i = end - 1;
                    break;
            }
        }

        return rtl;
    }

    private static bool IsNeutral(Kind kind) => kind is Kind.Separator or Kind.Terminator or Kind.Neutral;

    // N1: numbers count as right to left when neutrals between them and Arabic are resolved.
    private static bool StrongRtl(Kind kind) => kind is Kind.Right or Kind.Number;

    private static Kind Classify(char c) => c switch
    {
        >= '0' and <= '9' => Kind.Number,
        '\u00A0' or ',' or '.' or '/' or ':' => Kind.Separator,
        '%' or '#' or '$' or '€' or '+' or '-' => Kind.Terminator,
        >= '\u0590' and <= '\u08FF' => Kind.Right,
        >= '\uFB1D' and <= '\uFDFF' => Kind.Right,
        >= '\uFE70' and <= '\uFEFF' => Kind.Right,
        _ when char.IsLetter(c) => Kind.Left,
        _ => Kind.Neutral,
    };
}
