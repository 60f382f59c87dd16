using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EcheanceKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentTranches_ToOrder",
                table: "PaymentTranches");

            migrationBuilder.DropIndex(
                name: "IX_ConventionReports_Open",
                table: "ConventionReports");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentTranches_ToOrder",
                table: "PaymentTranches",
                columns: new[] { "PlannedDate", "Id", "ConventionId" },
                filter: "[OrderedOn] IS NULL AND [ReleasedOn] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConventionReports_Open",
                table: "ConventionReports",
                columns: new[] { "DueDate", "Id", "ConventionId" },
                filter: "[Status] IN ('Due', 'Returned')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentTranches_ToOrder",
                table: "PaymentTranches");

            migrationBuilder.DropIndex(
                name: "IX_ConventionReports_Open",
                table: "ConventionReports");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentTranches_ToOrder",
                table: "PaymentTranches",
                columns: new[] { "PlannedDate", "Id" },
                filter: "[OrderedOn] IS NULL AND [ReleasedOn] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConventionReports_Open",
                table: "ConventionReports",
                columns: new[] { "DueDate", "Id" },
                filter: "[Status] IN ('Due', 'Returned')");
        }
    }
}
