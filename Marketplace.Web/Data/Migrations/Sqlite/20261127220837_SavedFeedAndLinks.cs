using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SavedFeedAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LicenseReference",
                table: "Deals",
                newName: "ObserverInterestId");

            migrationBuilder.AddColumn<string>(
                name: "FieldChains",
                table: "Needs",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "FieldIpcSubclasses",
                table: "Needs",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<Guid>(
                name: "NeedId",
                table: "Deals",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ContestEntryId",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractDocument",
                table: "Deals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContractSignedOn",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InterestedOrganizationId",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InterestedUserId",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LicenseOrderId",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatentIds",
                table: "Deals",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "Deals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Deals",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "NeedFieldAlerts",
                columns: table => new
                {
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedFieldAlerts", x => new { x.NeedId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_NeedFieldAlerts_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NeedFieldAlerts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatentCollections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatentCollections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatentCollections_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AlertsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    BaselineAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAlertedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedSearches_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatentCollectionItems",
                columns: table => new
                {
                    CollectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatentCollectionItems", x => new { x.CollectionId, x.PatentId });
                    table.ForeignKey(
                        name: "FK_PatentCollectionItems_PatentCollections_CollectionId",
                        column: x => x.CollectionId,
                        principalTable: "PatentCollections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearchSeen",
                columns: table => new
                {
                    SavedSearchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenLicense = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearchSeen", x => new { x.SavedSearchId, x.PatentId });
                    table.ForeignKey(
                        name: "FK_SavedSearchSeen_SavedSearches_SavedSearchId",
                        column: x => x.SavedSearchId,
                        principalTable: "SavedSearches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NeedProposals_OpenLicenseDeclarationId",
                table: "NeedProposals",
                column: "OpenLicenseDeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_LicenseOrderId",
                table: "Deals",
                column: "LicenseOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ObserverInterestId",
                table: "Deals",
                column: "ObserverInterestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NeedFieldAlerts_OrganizationId",
                table: "NeedFieldAlerts",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PatentCollectionItems_CollectionId_AddedAt",
                table: "PatentCollectionItems",
                columns: new[] { "CollectionId", "AddedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PatentCollections_UserId_Name",
                table: "PatentCollections",
                columns: new[] { "UserId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_AlertsEnabled",
                table: "SavedSearches",
                column: "AlertsEnabled");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_UserId_Name",
                table: "SavedSearches",
                columns: new[] { "UserId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Deals_LicenseOrders_LicenseOrderId",
                table: "Deals",
                column: "LicenseOrderId",
                principalTable: "LicenseOrders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_NeedProposals_OpenLicenseDeclarations_OpenLicenseDeclarationId",
                table: "NeedProposals",
                column: "OpenLicenseDeclarationId",
                principalTable: "OpenLicenseDeclarations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deals_LicenseOrders_LicenseOrderId",
                table: "Deals");

            migrationBuilder.DropForeignKey(
                name: "FK_NeedProposals_OpenLicenseDeclarations_OpenLicenseDeclarationId",
                table: "NeedProposals");

            migrationBuilder.DropTable(
                name: "NeedFieldAlerts");

            migrationBuilder.DropTable(
                name: "PatentCollectionItems");

            migrationBuilder.DropTable(
                name: "SavedSearchSeen");

            migrationBuilder.DropTable(
                name: "PatentCollections");

            migrationBuilder.DropTable(
                name: "SavedSearches");

            migrationBuilder.DropIndex(
                name: "IX_NeedProposals_OpenLicenseDeclarationId",
                table: "NeedProposals");

            migrationBuilder.DropIndex(
                name: "IX_Deals_LicenseOrderId",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Deals_ObserverInterestId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "FieldChains",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "FieldIpcSubclasses",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ContestEntryId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ContractDocument",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ContractSignedOn",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "InterestedOrganizationId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "InterestedUserId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "LicenseOrderId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "PatentIds",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Deals");

            migrationBuilder.RenameColumn(
                name: "ObserverInterestId",
                table: "Deals",
                newName: "LicenseReference");

            migrationBuilder.AlterColumn<Guid>(
                name: "NeedId",
                table: "Deals",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
