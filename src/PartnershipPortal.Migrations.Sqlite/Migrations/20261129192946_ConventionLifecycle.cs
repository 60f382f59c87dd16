using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConventionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: EF guessed "Notes" became MessageToAssociation, which would have shown the staff's notes
            // to every association. Existing notes are internal: the column keeps its values under its new name.
            migrationBuilder.RenameColumn(
                name: "Notes",
                table: "Conventions",
                newName: "InternalNotes");

            migrationBuilder.AddColumn<string>(
                name: "MessageToAssociation",
                table: "Conventions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TerminationDate",
                table: "Conventions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TerminationReason",
                table: "Conventions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConventionAmendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TotalBeforeCentimes = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalAfterCentimes = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConventionAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConventionAmendments_Conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "Conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConventionAmendmentChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AmendmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProjectTitle = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    AmountBeforeCentimes = table.Column<long>(type: "INTEGER", nullable: true),
                    AmountAfterCentimes = table.Column<long>(type: "INTEGER", nullable: true),
                    StartBefore = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndBefore = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartAfter = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndAfter = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConventionAmendmentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConventionAmendmentChanges_ConventionAmendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "ConventionAmendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConventionAmendmentChanges_AmendmentId",
                table: "ConventionAmendmentChanges",
                column: "AmendmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ConventionAmendments_ConventionId_Number",
                table: "ConventionAmendments",
                columns: new[] { "ConventionId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConventionAmendmentChanges");

            migrationBuilder.DropTable(
                name: "ConventionAmendments");

            migrationBuilder.DropColumn(
                name: "MessageToAssociation",
                table: "Conventions");

            migrationBuilder.DropColumn(
                name: "TerminationDate",
                table: "Conventions");

            migrationBuilder.DropColumn(
                name: "TerminationReason",
                table: "Conventions");

            migrationBuilder.RenameColumn(
                name: "InternalNotes",
                table: "Conventions",
                newName: "Notes");
        }
    }
}
