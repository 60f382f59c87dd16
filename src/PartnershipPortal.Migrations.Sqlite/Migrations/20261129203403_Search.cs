using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Projects_AmountCentimes",
                table: "Projects",
                column: "AmountCentimes");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_BudgetYear",
                table: "Projects",
                column: "BudgetYear");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_City",
                table: "Projects",
                column: "City");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Status",
                table: "Projects",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Title",
                table: "Projects",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_Conventions_SigningDate",
                table: "Conventions",
                column: "SigningDate");

            migrationBuilder.CreateIndex(
                name: "IX_Conventions_Status",
                table: "Conventions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Conventions_TotalCentimes",
                table: "Conventions",
                column: "TotalCentimes");

            // Word search (docs/decisions/0015-search.md): one FTS5 index per searched list, its rowid the record's id,
            // folded for case and accents by the tokenizer. Contentless: the words are indexed, the text is not stored twice.
            // A project is found by its own title and city and by its convention's reference and association's name.
            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE {table} USING fts5(Text, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');");
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Projects_Search_Insert AFTER INSERT ON Projects BEGIN
                    INSERT INTO ProjectSearch(rowid, Text)
                    SELECT NEW.Id, NEW.Title || ' ' || NEW.City || ' ' || c.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '')
                    FROM Conventions c JOIN Associations a ON a.Id = c.AssociationId WHERE c.Id = NEW.ConventionId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Projects_Search_Update AFTER UPDATE OF Title, City, ConventionId ON Projects BEGIN
                    DELETE FROM ProjectSearch WHERE rowid = OLD.Id;
                    INSERT INTO ProjectSearch(rowid, Text)
                    SELECT NEW.Id, NEW.Title || ' ' || NEW.City || ' ' || c.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '')
                    FROM Conventions c JOIN Associations a ON a.Id = c.AssociationId WHERE c.Id = NEW.ConventionId;
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER TR_Projects_Search_Delete AFTER DELETE ON Projects BEGIN DELETE FROM ProjectSearch WHERE rowid = OLD.Id; END;");

            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Conventions_Search_Insert AFTER INSERT ON Conventions BEGIN
                    INSERT INTO ConventionSearch(rowid, Text)
                    SELECT NEW.Id, NEW.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '') || ' ' || a.City || ' ' || coalesce(NEW.InternalNotes, '')
                    FROM Associations a WHERE a.Id = NEW.AssociationId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Conventions_Search_Update AFTER UPDATE OF Reference, AssociationId, InternalNotes ON Conventions BEGIN
                    DELETE FROM ConventionSearch WHERE rowid = OLD.Id;
                    INSERT INTO ConventionSearch(rowid, Text)
                    SELECT NEW.Id, NEW.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '') || ' ' || a.City || ' ' || coalesce(NEW.InternalNotes, '')
                    FROM Associations a WHERE a.Id = NEW.AssociationId;
                    DELETE FROM ProjectSearch WHERE rowid IN (SELECT Id FROM Projects WHERE ConventionId = NEW.Id);
                    INSERT INTO ProjectSearch(rowid, Text)
                    SELECT p.Id, p.Title || ' ' || p.City || ' ' || NEW.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '')
                    FROM Projects p JOIN Associations a ON a.Id = NEW.AssociationId WHERE p.ConventionId = NEW.Id;
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER TR_Conventions_Search_Delete AFTER DELETE ON Conventions BEGIN DELETE FROM ConventionSearch WHERE rowid = OLD.Id; END;");

            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Associations_Search_Insert AFTER INSERT ON Associations BEGIN
                    INSERT INTO AssociationSearch(rowid, Text)
                    VALUES (NEW.Id, NEW.Name || ' ' || coalesce(NEW.NameAr, '') || ' ' || coalesce(NEW.Acronym, '') || ' ' || NEW.RegistrationNumber || ' ' || NEW.City);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Associations_Search_Update AFTER UPDATE OF Name, NameAr, Acronym, RegistrationNumber, City ON Associations BEGIN
                    DELETE FROM AssociationSearch WHERE rowid = OLD.Id;
                    INSERT INTO AssociationSearch(rowid, Text)
                    VALUES (NEW.Id, NEW.Name || ' ' || coalesce(NEW.NameAr, '') || ' ' || coalesce(NEW.Acronym, '') || ' ' || NEW.RegistrationNumber || ' ' || NEW.City);
                    DELETE FROM ConventionSearch WHERE rowid IN (SELECT Id FROM Conventions WHERE AssociationId = NEW.Id);
                    INSERT INTO ConventionSearch(rowid, Text)
                    SELECT c.Id, c.Reference || ' ' || NEW.Name || ' ' || coalesce(NEW.NameAr, '') || ' ' || NEW.City || ' ' || coalesce(c.InternalNotes, '')
                    FROM Conventions c WHERE c.AssociationId = NEW.Id;
                    DELETE FROM ProjectSearch WHERE rowid IN (SELECT p.Id FROM Projects p JOIN Conventions c ON c.Id = p.ConventionId WHERE c.AssociationId = NEW.Id);
                    INSERT INTO ProjectSearch(rowid, Text)
                    SELECT p.Id, p.Title || ' ' || p.City || ' ' || c.Reference || ' ' || NEW.Name || ' ' || coalesce(NEW.NameAr, '')
                    FROM Projects p JOIN Conventions c ON c.Id = p.ConventionId WHERE c.AssociationId = NEW.Id;
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER TR_Associations_Search_Delete AFTER DELETE ON Associations BEGIN DELETE FROM AssociationSearch WHERE rowid = OLD.Id; END;");

            // The records already there.
            migrationBuilder.Sql("""
                INSERT INTO AssociationSearch(rowid, Text)
                SELECT Id, Name || ' ' || coalesce(NameAr, '') || ' ' || coalesce(Acronym, '') || ' ' || RegistrationNumber || ' ' || City FROM Associations;
                """);
            migrationBuilder.Sql("""
                INSERT INTO ConventionSearch(rowid, Text)
                SELECT c.Id, c.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '') || ' ' || a.City || ' ' || coalesce(c.InternalNotes, '')
                FROM Conventions c JOIN Associations a ON a.Id = c.AssociationId;
                """);
            migrationBuilder.Sql("""
                INSERT INTO ProjectSearch(rowid, Text)
                SELECT p.Id, p.Title || ' ' || p.City || ' ' || c.Reference || ' ' || a.Name || ' ' || coalesce(a.NameAr, '')
                FROM Projects p JOIN Conventions c ON c.Id = p.ConventionId JOIN Associations a ON a.Id = c.AssociationId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Projects", "Conventions", "Associations" }.SelectMany(t => new[] { $"TR_{t}_Search_Insert", $"TR_{t}_Search_Update", $"TR_{t}_Search_Delete" }))
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            }

            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
            }

            migrationBuilder.DropIndex(
                name: "IX_Projects_AmountCentimes",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_BudgetYear",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_City",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Status",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Title",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Conventions_SigningDate",
                table: "Conventions");

            migrationBuilder.DropIndex(
                name: "IX_Conventions_Status",
                table: "Conventions");

            migrationBuilder.DropIndex(
                name: "IX_Conventions_TotalCentimes",
                table: "Conventions");
        }
    }
}
