using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OneNotificationsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each old notice was one row per organisation: every member gets their own copy, with the organisation's
            // read state. They were e-mailed when they were made, so they count as e-mailed and stay out of the next digest.
            migrationBuilder.Sql("""
                INSERT INTO "Notifications" ("Id", "UserId", "OrganizationId", "MessageKey", "Arguments", "Link", "CreatedAt", "ReadAt", "EmailedAt")
                SELECT gen_random_uuid(), m."UserId", n."OrganizationId", left(n."Message", 300), '[]', n."Link", n."CreatedAt", n."ReadAt", n."CreatedAt"
                FROM "LicensingNotifications" n
                JOIN "Memberships" m ON m."OrganizationId" = n."OrganizationId";
                """);

            migrationBuilder.DropTable(
                name: "LicensingNotifications");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LicensingNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingNotifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LicensingNotifications_OrganizationId_CreatedAt",
                table: "LicensingNotifications",
                columns: new[] { "OrganizationId", "CreatedAt" });

            // Back to one row per organisation (licensing notices are those that open a licensing page).
            migrationBuilder.Sql("""
                INSERT INTO "LicensingNotifications" ("Id", "OrganizationId", "Message", "Link", "CreatedAt", "ReadAt")
                SELECT gen_random_uuid(), "OrganizationId", "MessageKey", "Link", "CreatedAt", min("ReadAt")
                FROM "Notifications"
                WHERE "OrganizationId" IS NOT NULL AND "Link" LIKE '/licensing/%'
                GROUP BY "OrganizationId", "MessageKey", "Link", "CreatedAt";
                DELETE FROM "Notifications" WHERE "OrganizationId" IS NOT NULL AND "Link" LIKE '/licensing/%';
                """);
        }
    }
}
