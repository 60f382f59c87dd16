using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProjectRegion : Migration
    {
        /// <summary>
        /// The city map as it stood when the column was added (Data/Entities/CityRegions.cs), written out here so that
        /// this migration does the same whatever the map becomes: each city lower-cased, with and without its accents
        /// and hyphens. Cities are compared lower-cased and trimmed.
        /// </summary>
        private static readonly (string City, string Region)[] Cities =
        [
            ("azilal", "BeniMellalKhenifra"), ("beni mellal", "BeniMellalKhenifra"), ("beni-mellal", "BeniMellalKhenifra"),
            ("béni mellal", "BeniMellalKhenifra"), ("béni-mellal", "BeniMellalKhenifra"), ("fquih ben salah", "BeniMellalKhenifra"),
            ("fquih-ben-salah", "BeniMellalKhenifra"), ("kasba tadla", "BeniMellalKhenifra"), ("kasba-tadla", "BeniMellalKhenifra"),
            ("khenifra", "BeniMellalKhenifra"), ("khouribga", "BeniMellalKhenifra"), ("khénifra", "BeniMellalKhenifra"),
            ("oued zem", "BeniMellalKhenifra"), ("oued-zem", "BeniMellalKhenifra"), ("azemmour", "CasablancaSettat"),
            ("benslimane", "CasablancaSettat"), ("berrechid", "CasablancaSettat"), ("bouskoura", "CasablancaSettat"),
            ("casablanca", "CasablancaSettat"), ("el jadida", "CasablancaSettat"), ("el-jadida", "CasablancaSettat"),
            ("mediouna", "CasablancaSettat"), ("mohammedia", "CasablancaSettat"), ("mohammédia", "CasablancaSettat"),
            ("médiouna", "CasablancaSettat"), ("nouaceur", "CasablancaSettat"), ("settat", "CasablancaSettat"),
            ("sidi bennour", "CasablancaSettat"), ("sidi-bennour", "CasablancaSettat"), ("aousserd", "DakhlaOuedEdDahab"),
            ("dakhla", "DakhlaOuedEdDahab"), ("erfoud", "DraaTafilalet"), ("errachidia", "DraaTafilalet"), ("midelt", "DraaTafilalet"),
            ("ouarzazate", "DraaTafilalet"), ("rissani", "DraaTafilalet"), ("tinghir", "DraaTafilalet"), ("zagora", "DraaTafilalet"),
            ("azrou", "FesMeknes"), ("boulemane", "FesMeknes"), ("el hajeb", "FesMeknes"), ("el-hajeb", "FesMeknes"), ("fes", "FesMeknes"),
            ("fès", "FesMeknes"), ("ifrane", "FesMeknes"), ("meknes", "FesMeknes"), ("meknès", "FesMeknes"),
            ("moulay yacoub", "FesMeknes"), ("moulay-yacoub", "FesMeknes"), ("sefrou", "FesMeknes"), ("taounate", "FesMeknes"),
            ("taza", "FesMeknes"), ("assa", "GuelmimOuedNoun"), ("guelmim", "GuelmimOuedNoun"), ("sidi ifni", "GuelmimOuedNoun"),
            ("sidi-ifni", "GuelmimOuedNoun"), ("tan tan", "GuelmimOuedNoun"), ("tan-tan", "GuelmimOuedNoun"),
            ("boujdour", "LaayouneSakiaElHamra"), ("el marsa", "LaayouneSakiaElHamra"), ("el-marsa", "LaayouneSakiaElHamra"),
            ("laayoune", "LaayouneSakiaElHamra"), ("laâyoune", "LaayouneSakiaElHamra"), ("smara", "LaayouneSakiaElHamra"),
            ("tarfaya", "LaayouneSakiaElHamra"), ("al haouz", "MarrakechSafi"), ("al-haouz", "MarrakechSafi"),
            ("ben guerir", "MarrakechSafi"), ("ben-guerir", "MarrakechSafi"), ("chichaoua", "MarrakechSafi"),
            ("el kelaa des sraghna", "MarrakechSafi"), ("el kelaâ des sraghna", "MarrakechSafi"),
            ("el-kelaa-des-sraghna", "MarrakechSafi"), ("el-kelaâ-des-sraghna", "MarrakechSafi"), ("essaouira", "MarrakechSafi"),
            ("marrakech", "MarrakechSafi"), ("safi", "MarrakechSafi"), ("youssoufia", "MarrakechSafi"), ("berkane", "Oriental"),
            ("bouarfa", "Oriental"), ("driouch", "Oriental"), ("figuig", "Oriental"), ("guercif", "Oriental"), ("jerada", "Oriental"),
            ("nador", "Oriental"), ("oujda", "Oriental"), ("taourirt", "Oriental"), ("zaio", "Oriental"), ("zaïo", "Oriental"),
            ("kenitra", "RabatSaleKenitra"), ("khemisset", "RabatSaleKenitra"), ("khémisset", "RabatSaleKenitra"),
            ("kénitra", "RabatSaleKenitra"), ("rabat", "RabatSaleKenitra"), ("sale", "RabatSaleKenitra"), ("salé", "RabatSaleKenitra"),
            ("sidi kacem", "RabatSaleKenitra"), ("sidi slimane", "RabatSaleKenitra"), ("sidi yahya el gharb", "RabatSaleKenitra"),
            ("sidi-kacem", "RabatSaleKenitra"), ("sidi-slimane", "RabatSaleKenitra"), ("sidi-yahya-el-gharb", "RabatSaleKenitra"),
            ("skhirat", "RabatSaleKenitra"), ("temara", "RabatSaleKenitra"), ("tiflet", "RabatSaleKenitra"),
            ("témara", "RabatSaleKenitra"), ("agadir", "SoussMassa"), ("ait melloul", "SoussMassa"), ("ait-melloul", "SoussMassa"),
            ("aït melloul", "SoussMassa"), ("aït-melloul", "SoussMassa"), ("biougra", "SoussMassa"), ("chtouka ait baha", "SoussMassa"),
            ("chtouka aït baha", "SoussMassa"), ("chtouka-ait-baha", "SoussMassa"), ("chtouka-aït-baha", "SoussMassa"),
            ("inezgane", "SoussMassa"), ("taroudant", "SoussMassa"), ("tata", "SoussMassa"), ("tiznit", "SoussMassa"),
            ("al hoceima", "TangerTetouanAlHoceima"), ("al hoceïma", "TangerTetouanAlHoceima"), ("al-hoceima", "TangerTetouanAlHoceima"),
            ("al-hoceïma", "TangerTetouanAlHoceima"), ("asilah", "TangerTetouanAlHoceima"), ("chefchaouen", "TangerTetouanAlHoceima"),
            ("fnideq", "TangerTetouanAlHoceima"), ("ksar el kebir", "TangerTetouanAlHoceima"), ("ksar el kébir", "TangerTetouanAlHoceima"),
            ("ksar-el-kebir", "TangerTetouanAlHoceima"), ("ksar-el-kébir", "TangerTetouanAlHoceima"),
            ("larache", "TangerTetouanAlHoceima"), ("m'diq", "TangerTetouanAlHoceima"), ("martil", "TangerTetouanAlHoceima"),
            ("ouazzane", "TangerTetouanAlHoceima"), ("tanger", "TangerTetouanAlHoceima"), ("tetouan", "TangerTetouanAlHoceima"),
            ("tétouan", "TangerTetouanAlHoceima"),
        ];

        private static string FillSql =>
            "UPDATE Projects SET Region = COALESCE(CASE LOWER(TRIM(City)) "
            + string.Concat(Cities.Select(c => $"WHEN '{c.City.Replace("'", "''", System.StringComparison.Ordinal)}' THEN '{c.Region}' "))
            + "END, (SELECT a.Region FROM Conventions c INNER JOIN Associations a ON a.Id = c.AssociationId WHERE c.Id = Projects.ConventionId))";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Bilan",
                table: "Projects");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Projects",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // The existing projects take their city's region, the association's where the city is not in the map.
            migrationBuilder.Sql(FillSql);

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Bilan",
                table: "Projects",
                columns: new[] { "BudgetYear", "DomainId", "Status", "ConventionId", "AmountCentimes", "City", "Region", "BeneficiariesCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Region_BudgetYear",
                table: "Projects",
                columns: new[] { "Region", "BudgetYear" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Bilan",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Region_BudgetYear",
                table: "Projects");

            // Not DropColumn: on SQLite it rebuilds the table, which the search triggers on Conventions refuse
            // (they name Projects). SQLite drops an unindexed column in place; both indexes are gone above.
            migrationBuilder.Sql("ALTER TABLE \"Projects\" DROP COLUMN \"Region\";");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Bilan",
                table: "Projects",
                columns: new[] { "BudgetYear", "DomainId", "Status", "ConventionId", "AmountCentimes", "City" });
        }
    }
}
