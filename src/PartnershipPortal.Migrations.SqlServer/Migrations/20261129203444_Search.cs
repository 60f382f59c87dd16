using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnershipPortal.Migrations.SqlServer.Migrations
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

            // Word search (docs/decisions/0015-search.md): one table per searched list holding each record's words, under a
            // full-text index of an accent-insensitive catalog (full-text is case-insensitive); triggers keep it current.
            // Full-text DDL cannot run inside a transaction, hence suppressTransaction.
            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                migrationBuilder.Sql($"CREATE TABLE [{table}] ([Id] int NOT NULL CONSTRAINT [PK_{table}] PRIMARY KEY, [Text] nvarchar(1200) NOT NULL);");
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER [TR_Projects_Search] ON [Projects] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    DELETE s FROM [ProjectSearch] s WHERE s.[Id] IN (SELECT [Id] FROM deleted UNION SELECT [Id] FROM inserted);
                    INSERT INTO [ProjectSearch] ([Id], [Text])
                    SELECT i.[Id], CONCAT(i.[Title], N' ', i.[City], N' ', c.[Reference], N' ', a.[Name], N' ', a.[NameAr])
                    FROM inserted i JOIN [Conventions] c ON c.[Id] = i.[ConventionId] JOIN [Associations] a ON a.[Id] = c.[AssociationId];
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [TR_Conventions_Search] ON [Conventions] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    DELETE s FROM [ConventionSearch] s WHERE s.[Id] IN (SELECT [Id] FROM deleted UNION SELECT [Id] FROM inserted);
                    INSERT INTO [ConventionSearch] ([Id], [Text])
                    SELECT i.[Id], CONCAT(i.[Reference], N' ', a.[Name], N' ', a.[NameAr], N' ', a.[City], N' ', i.[InternalNotes])
                    FROM inserted i JOIN [Associations] a ON a.[Id] = i.[AssociationId];
                    IF UPDATE([Reference]) OR UPDATE([AssociationId])
                    BEGIN
                        UPDATE s SET [Text] = CONCAT(p.[Title], N' ', p.[City], N' ', i.[Reference], N' ', a.[Name], N' ', a.[NameAr])
                        FROM [ProjectSearch] s JOIN [Projects] p ON p.[Id] = s.[Id] JOIN inserted i ON i.[Id] = p.[ConventionId]
                        JOIN [Associations] a ON a.[Id] = i.[AssociationId];
                    END;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [TR_Associations_Search] ON [Associations] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    DELETE s FROM [AssociationSearch] s WHERE s.[Id] IN (SELECT [Id] FROM deleted UNION SELECT [Id] FROM inserted);
                    INSERT INTO [AssociationSearch] ([Id], [Text])
                    SELECT i.[Id], CONCAT(i.[Name], N' ', i.[NameAr], N' ', i.[Acronym], N' ', i.[RegistrationNumber], N' ', i.[City]) FROM inserted i;
                    IF UPDATE([Name]) OR UPDATE([NameAr]) OR UPDATE([City])
                    BEGIN
                        UPDATE s SET [Text] = CONCAT(c.[Reference], N' ', i.[Name], N' ', i.[NameAr], N' ', i.[City], N' ', c.[InternalNotes])
                        FROM [ConventionSearch] s JOIN [Conventions] c ON c.[Id] = s.[Id] JOIN inserted i ON i.[Id] = c.[AssociationId];
                        UPDATE s SET [Text] = CONCAT(p.[Title], N' ', p.[City], N' ', c.[Reference], N' ', i.[Name], N' ', i.[NameAr])
                        FROM [ProjectSearch] s JOIN [Projects] p ON p.[Id] = s.[Id] JOIN [Conventions] c ON c.[Id] = p.[ConventionId]
                        JOIN inserted i ON i.[Id] = c.[AssociationId];
                    END;
                END;
                """);

            migrationBuilder.Sql("""
                INSERT INTO [AssociationSearch] ([Id], [Text])
                SELECT [Id], CONCAT([Name], N' ', [NameAr], N' ', [Acronym], N' ', [RegistrationNumber], N' ', [City]) FROM [Associations];
                INSERT INTO [ConventionSearch] ([Id], [Text])
                SELECT c.[Id], CONCAT(c.[Reference], N' ', a.[Name], N' ', a.[NameAr], N' ', a.[City], N' ', c.[InternalNotes])
                FROM [Conventions] c JOIN [Associations] a ON a.[Id] = c.[AssociationId];
                INSERT INTO [ProjectSearch] ([Id], [Text])
                SELECT p.[Id], CONCAT(p.[Title], N' ', p.[City], N' ', c.[Reference], N' ', a.[Name], N' ', a.[NameAr])
                FROM [Projects] p JOIN [Conventions] c ON c.[Id] = p.[ConventionId] JOIN [Associations] a ON a.[Id] = c.[AssociationId];
                """);

            migrationBuilder.Sql("CREATE FULLTEXT CATALOG [PortalSearch] WITH ACCENT_SENSITIVITY = OFF;", suppressTransaction: true);
            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                // Neutral word breaker (LANGUAGE 0): references such as CONV-2020-0001 and French, Arabic and English names
                // break on the same rules; no stemming, so a word typed finds that word or the words it begins.
                migrationBuilder.Sql(
                    $"CREATE FULLTEXT INDEX ON [{table}] ([Text] LANGUAGE 0) KEY INDEX [PK_{table}] ON [PortalSearch] WITH CHANGE_TRACKING AUTO, STOPLIST = OFF;",
                    suppressTransaction: true);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                migrationBuilder.Sql($"DROP FULLTEXT INDEX ON [{table}];", suppressTransaction: true);
            }

            migrationBuilder.Sql("DROP FULLTEXT CATALOG [PortalSearch];", suppressTransaction: true);
            foreach (var name in new[] { "Projects", "Conventions", "Associations" })
            {
                migrationBuilder.Sql($"DROP TRIGGER [TR_{name}_Search];");
            }

            foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
            {
                migrationBuilder.Sql($"DROP TABLE [{table}];");
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
