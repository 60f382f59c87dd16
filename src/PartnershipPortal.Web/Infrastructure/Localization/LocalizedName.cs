using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnershipPortal.Web.Infrastructure.Localization;

/// <summary>
/// The one rule for a record's name in the reader's language: the Arabic or English name when the record has one,
/// the French name otherwise. Used in memory (the bilan's cached report) and in queries, where
/// <see cref="LocalizedNameInterceptor"/> turns it into SQL so that a list reads one name per row, not three.
/// </summary>
public static class LocalizedName
{
    /// <summary>For records named in French and Arabic only (associations).</summary>
    public static string In(string language, string french, string? arabic) => In(language, french, arabic, null);

    public static string In(string language, string french, string? arabic, string? english) => language switch
    {
        PortalCultures.Arabic when !string.IsNullOrWhiteSpace(arabic) => arabic,
        PortalCultures.English when !string.IsNullOrWhiteSpace(english) => english,
        _ => french,
    };
}

/// <summary>
/// Rewrites <see cref="LocalizedName.In(string, string, string?, string?)"/> in a query into the same rule as
/// a conditional the providers translate. It runs once per query shape, after EF has made the language a parameter,
/// so the compiled query serves every language. Without it a query would still work where the name is in the final
/// projection, read in memory from the name columns.
/// </summary>
public sealed class LocalizedNameInterceptor : IQueryExpressionInterceptor
{
    /// <summary>
    /// The one instance: EF keys its internal services on the query interceptors it is given, so a new instance per
    /// host or per context would build a new set of services each time.
    /// </summary>
    public static readonly LocalizedNameInterceptor Instance = new();

    private LocalizedNameInterceptor()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new Rewriter().Visit(queryExpression);

    private sealed class Rewriter : ExpressionVisitor
    {
        private static readonly MethodInfo IsNullOrWhiteSpace = typeof(string).GetMethod(nameof(string.IsNullOrWhiteSpace), [typeof(string)])!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(LocalizedName))
            {
                return base.VisitMethodCall(node);
            }

            var arguments = node.Arguments.Select(Visit).ToList();
            var language = arguments[0]!;
            Expression name = arguments[1]!;
            // Built from the last choice inwards: English, then Arabic around it, as the switch above reads them.
            if (arguments.Count > 3)
            {
                name = Choose(language, PortalCultures.English, arguments[3]!, name);
            }

            return Choose(language, PortalCultures.Arabic, arguments[2]!, name);
        }

        private static ConditionalExpression Choose(Expression language, string code, Expression candidate, Expression otherwise) =>
            Expression.Condition(
                Expression.AndAlso(
                    Expression.Equal(language, Expression.Constant(code)),
                    Expression.Not(Expression.Call(IsNullOrWhiteSpace, candidate))),
                candidate,
                otherwise);
    }
}
