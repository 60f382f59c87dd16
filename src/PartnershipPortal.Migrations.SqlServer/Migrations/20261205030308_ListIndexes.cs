using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_City",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_City_BudgetYear",
                table: "Projects",
                columns: new[] { "City", "BudgetYear" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_UpdatedAtUtc",
                table: "Projects",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Conventions_UpdatedAtUtc",
                table: "Conventions",
                column: "UpdatedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_City_BudgetYear",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_UpdatedAtUtc",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Conventions_UpdatedAtUtc",
                table: "Conventions");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_City",
                table: "Projects",
                column: "City");
        }
    }
}
