using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProjectSheetIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Bilan",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Bilan",
                table: "Projects",
                columns: new[] { "BudgetYear", "DomainId", "Status", "ConventionId", "AmountCentimes", "City" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Bilan",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Bilan",
                table: "Projects",
                columns: new[] { "BudgetYear", "DomainId", "Status", "ConventionId", "AmountCentimes" });
        }
    }
}
