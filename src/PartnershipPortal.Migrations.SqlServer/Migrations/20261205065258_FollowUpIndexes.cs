using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentTranches_OrderedOn_PlannedDate",
                table: "PaymentTranches");

            migrationBuilder.DropIndex(
                name: "IX_ConventionReports_Status_DueDate",
                table: "ConventionReports");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReleasedOn",
                table: "PaymentTranches",
                type: "date",
                nullable: true);

            // Released as the rule says (PaymentSchedule.ReleasedOn): a tranche other than the balance from its planned
            // date, the balance from its final report's approval.
            migrationBuilder.Sql(
                "UPDATE PaymentTranches SET ReleasedOn = PlannedDate WHERE IsBalance = 0; " +
                "UPDATE t SET ReleasedOn = CAST(r.ApprovedAtUtc AS date) FROM PaymentTranches AS t JOIN ConventionReports AS r " +
                "ON r.ConventionId = t.ConventionId AND r.Kind = 'Final' AND r.Status = 'Approved' WHERE t.IsBalance = 1;");

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentTranches_ToOrder",
                table: "PaymentTranches");

            migrationBuilder.DropIndex(
                name: "IX_ConventionReports_Open",
                table: "ConventionReports");

            migrationBuilder.DropColumn(
                name: "ReleasedOn",
                table: "PaymentTranches");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentTranches_OrderedOn_PlannedDate",
                table: "PaymentTranches",
                columns: new[] { "OrderedOn", "PlannedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ConventionReports_Status_DueDate",
                table: "ConventionReports",
                columns: new[] { "Status", "DueDate" });
        }
    }
}
