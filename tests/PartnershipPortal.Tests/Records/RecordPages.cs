using System.Net;
using System.Text.RegularExpressions;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

/// <summary>Small helpers over the HTML of the record screens.</summary>
public static partial class RecordPages
{
    public static async Task<string> PageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {Excerpt(html)}");
        return html;
    }

    /// <summary>The value of a named input of the page (hidden version tokens, typed values shown again).</summary>
    public static string InputValue(string html, string name)
    {
        var input = InputTag().Matches(html).Select(m => m.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        Assert.True(input is not null, $"No input named {name}.");
        var value = ValueAttribute().Match(input!);
        return value.Success ? WebUtility.HtmlDecode(value.Groups["v"].Value) : "";
    }

    /// <summary>The text of the form's textarea named <paramref name="name"/>, decoded.</summary>
    public static string TextArea(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<textarea[^>]*name=\"{Regex.Escape(name)}\"[^>]*>\\s*(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value);

    public static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Replace('\u00A0', ' ');

    public static int IdFromLocation(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return int.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, params (string Key, string Value)[] fields) =>
        await client.PostFormAsync(url, url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Managers read every screen but cannot write: the portal answers 403, or sends them to the access-denied page.</summary>
    public static void AssertForbidden(HttpResponseMessage response)
    {
        var denied = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal));
        Assert.True(denied, $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}.");
    }

    /// <summary>The text of the form's error summary (<c>_ValidationSummary</c>), empty when the page shows none.</summary>
    public static string ErrorSummary(string html)
    {
        var match = ErrorSummaryElement().Match(html);
        return match.Success ? Regex.Replace(Text(match.Groups["errors"].Value), @"\s+", " ").Trim() : "";
    }

    /// <summary>The message the page shows beside the field <paramref name="name"/> (its <c>asp-validation-for</c> span), decoded; empty when there is none.</summary>
    public static string ValidationMessage(string html, string name) => WebUtility.HtmlDecode(
        Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(name)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Groups[1].Value).Trim();

    public static string Excerpt(string html) => html.Length > 3000 ? html[..3000] : html;

    /// <summary>The texts of the options of the page's first drop-down list whose name ends with <paramref name="name"/>, in the page's order.</summary>
    public static List<string> Options(string html, string name)
    {
        var select = Regex.Match(html, $"<select[^>]*name=\"[^\"]*{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"No list named {name}.");
        return [.. OptionText().Matches(select.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];
    }

    /// <summary>The rows of the comparison a refused save shows when someone else saved first: (field, stored, typed), spaces made plain.</summary>
    public static List<(string Field, string Stored, string Typed)> ConflictRows(string html) =>
        [.. ConflictRow().Matches(html).Select(m => (Text(m.Groups["field"].Value).Trim(), Plain(m.Groups["stored"].Value), Plain(m.Groups["typed"].Value)))];

    private static string Plain(string cell) => Text(cell).Trim().Replace('\u202F', ' ');

    [GeneratedRegex("<th scope=\"row\">(?<field>.*?)</th>\\s*<td class=\"conflict-stored\">(?<stored>.*?)</td>\\s*<td class=\"conflict-yours\">(?<typed>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex ConflictRow();

    [GeneratedRegex("<(input|textarea)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"(?<v>[^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<option[^>]*>(.*?)</option>", RegexOptions.Singleline)]
    private static partial Regex OptionText();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("""<div class="alert alert-danger" role="alert">(?<errors>.*?)</div>\s*</div>""", RegexOptions.Singleline)]
    private static partial Regex ErrorSummaryElement();
}
