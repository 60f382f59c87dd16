using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;

namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>The word indexes kept by the Search migration: each holds a record's words under the record's id.</summary>
public enum SearchIndex
{
    Projects,
    Conventions,
    Associations,
}

/// <summary>
/// Word search over the full-text indexes (FTS5 on SQLite, full-text on SQL Server; docs/decisions/0015-search.md).
/// Every word typed must begin a word of the record, case and accents ignored: "oujda ecole" finds
/// "École de la rue à Oujda". The words are folded here the way both indexes fold what they store.
/// </summary>
public sealed class RecordSearch(PortalDbContext db)
{
    private const int MaxWords = 8;
    private const int MaxWordLength = 40;

    /// <summary>The ids of the records matching every word of <paramref name="text"/>, as a subquery; null when there is no word.</summary>
    public IQueryable<int>? Ids(SearchIndex index, string? text)
    {
        var words = Words(text).Where(w => !EveryRecordHolds(index, w)).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        // Constant SQL per index and provider; the words reach the database as a parameter.
        if (db.Database.IsSqlServer())
        {
            var condition = SqlServerCondition(words);
            return index switch
            {
                SearchIndex.Projects => db.Database.SqlQueryRaw<int>("SELECT [Id] AS [Value] FROM [ProjectSearch] WHERE CONTAINS([Text], {0})", condition),
                SearchIndex.Conventions => db.Database.SqlQueryRaw<int>("SELECT [Id] AS [Value] FROM [ConventionSearch] WHERE CONTAINS([Text], {0})", condition),
                _ => db.Database.SqlQueryRaw<int>("SELECT [Id] AS [Value] FROM [AssociationSearch] WHERE CONTAINS([Text], {0})", condition),
            };
        }

        var match = Fts5Query(words);
        return index switch
        {
            SearchIndex.Projects => db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"ProjectSearch\" WHERE \"ProjectSearch\" MATCH {0}", match),
            SearchIndex.Conventions => db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"ConventionSearch\" WHERE \"ConventionSearch\" MATCH {0}", match),
            _ => db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"AssociationSearch\" WHERE \"AssociationSearch\" MATCH {0}", match),
        };
    }

    /// <summary>
    /// On SQLite the planner seeks every id the search returns, then sorts them all; <c>Id + 0</c> hides the id from it, so
    /// that it reads the sort key's index in order and keeps the rows among the matches (a Bloom filter, then a set). See
    /// <see cref="ListPageExtensions.ToListPageAsync"/> for when that pays. SQL Server weighs both plans itself.
    /// </summary>
    public bool PlannerNeedsWalkHint => db.Database.IsSqlite();

    /// <summary>
    /// Every convention reference begins with "CONV-", and the project index holds its convention's reference: a word
    /// that begins "conv" matches every record of those indexes, filters nothing, and made the index read half a million
    /// entries for "CONV-2020". Such words are left out of the query; the result is the same.
    /// </summary>
    internal static bool EveryRecordHolds(SearchIndex index, string word) =>
        index is SearchIndex.Projects or SearchIndex.Conventions && ReferencePrefix.StartsWith(word, StringComparison.Ordinal);

    private const string ReferencePrefix = "conv";

    /// <summary>The words of a search text: letters and digits only, lower case, accents removed.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Fold(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length < MaxWordLength)
                {
                    word.Append(c);
                }
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0 && words.Count < MaxWords && !words.Contains(word.ToString()))
            {
                words.Add(word.ToString());
            }

            word.Clear();
        }
    }

    /// <summary>Lower case without diacritics, as FTS5's unicode61 tokenizer (remove_diacritics 2) stores words.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>FTS5: each word as a quoted prefix; words side by side must all match.</summary>
    public static string Fts5Query(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select(w => "\"" + w + "\"*"));

    /// <summary>SQL Server CONTAINS: each word as a quoted prefix term, all required.</summary>
    public static string SqlServerCondition(IReadOnlyList<string> words) =>
        string.Join(" AND ", words.Select(w => "\"" + w + "*\""));
}
