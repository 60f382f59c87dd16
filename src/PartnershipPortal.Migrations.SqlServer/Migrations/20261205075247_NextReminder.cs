using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class NextReminder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReminderOn",
                table: "ConventionReports",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConventionReports_NextReminder",
                table: "ConventionReports",
                column: "NextReminderOn",
                filter: "[Status] IN ('Due', 'Returned')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConventionReports_NextReminder",
                table: "ConventionReports");

            migrationBuilder.DropColumn(
                name: "NextReminderOn",
                table: "ConventionReports");
        }
    }
}
