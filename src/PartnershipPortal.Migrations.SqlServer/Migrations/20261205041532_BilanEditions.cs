using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BilanEditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BilanEditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FirstYear = table.Column<int>(type: "int", nullable: false),
                    LastYear = table.Column<int>(type: "int", nullable: false),
                    IntroductionFr = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    IntroductionAr = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    IntroductionEn = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BilanEditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BilanEditionVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EditionId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    FirstYear = table.Column<int>(type: "int", nullable: false),
                    LastYear = table.Column<int>(type: "int", nullable: false),
                    IntroductionFr = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    IntroductionAr = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    IntroductionEn = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    SnapshotJson = table.Column<string>(type: "nvarchar(max)", maxLength: 2000000, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PublishedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BilanEditionVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BilanEditionVersions_BilanEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "BilanEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BilanEditionVersions_EditionId_Number",
                table: "BilanEditionVersions",
                columns: new[] { "EditionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BilanEditionVersions_PublishedAtUtc",
                table: "BilanEditionVersions",
                column: "PublishedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BilanEditionVersions");

            migrationBuilder.DropTable(
                name: "BilanEditions");
        }
    }
}
