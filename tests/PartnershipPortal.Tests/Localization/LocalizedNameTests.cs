using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Tests.Localization;

/// <summary>The one rule for a record's name in the reader's language, in memory and translated into SQL.</summary>
public sealed class LocalizedNameTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("fr", "Nom français", "Nom français")]
    [InlineData("ar", "الاسم العربي", "Nom français")]
    [InlineData("en", "Nom français", "Nom français")]
    public async Task A_query_filters_on_the_name_of_the_readers_language_and_falls_back_to_French(string language, string withArabic, string withoutArabic)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            db.Associations.AddRange(
                new Association { Name = "Nom français", NameAr = "الاسم العربي", RegistrationNumber = "LN-A-" + unique, City = "Ville " + unique },
                new Association { Name = "Nom français", NameAr = "  ", RegistrationNumber = "LN-B-" + unique, City = "Ville " + unique });
            await db.SaveChangesAsync();
        });

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = PortalCultures.Create(language);
        try
        {
            // In a Where the rule must run in SQL: read in memory, EF would refuse to translate the query.
            var names = await factory.WithDbAsync(db => db.Associations.AsNoTracking()
                .Where(a => a.City == "Ville " + unique && LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr) != "")
                .OrderBy(a => a.RegistrationNumber)
                .Select(a => LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr))
                .ToListAsync());

            Assert.Equal([withArabic, withoutArabic], names);
            Assert.Equal(withArabic, LocalizedName.In(language, "Nom français", "الاسم العربي"));
            Assert.Equal(withoutArabic, LocalizedName.In(language, "Nom français", "  "));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void English_names_are_read_when_the_record_has_one()
    {
        Assert.Equal("Name", LocalizedName.In(PortalCultures.English, "Nom", "اسم", "Name"));
        Assert.Equal("Nom", LocalizedName.In(PortalCultures.English, "Nom", "اسم", null));
        Assert.Equal("Nom", LocalizedName.In(PortalCultures.French, "Nom", "اسم", "Name"));
    }
}
