using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExclusiveLicenseRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Licensee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExclusiveLicenseRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensingNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenLicenseDeclarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatenteeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FeeKind = table.Column<int>(type: "integer", nullable: false),
                    FeeAmountYuan = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    FeeRoyaltyPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    FeeRoyaltyBase = table.Column<int>(type: "integer", nullable: true),
                    FeeAnnualMinimumYuan = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    TermYears = table.Column<int>(type: "integer", nullable: false),
                    OtherTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PaymentChannel = table.Column<int>(type: "integer", nullable: false),
                    Territory = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AttestsFeesPaid = table.Column<bool>(type: "boolean", nullable: false),
                    AttestsNoDispute = table.Column<bool>(type: "boolean", nullable: false),
                    Pledged = table.Column<bool>(type: "boolean", nullable: false),
                    PledgeeConsents = table.Column<bool>(type: "boolean", nullable: false),
                    CoOwnersConsent = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SendBackReasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PublicationReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenLicenseDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenLicenseDeclarations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationNameVariants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationNameVariants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationNameVariants_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaymentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PayoutAccounts",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StripeAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConnectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutAccounts", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_PayoutAccounts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PortfolioClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MatchedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortfolioClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PortfolioClaims_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclaredPatents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DocumentType = table.Column<int>(type: "integer", nullable: false),
                    LegalStatus = table.Column<int>(type: "integer", nullable: false),
                    ApplicationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Expiry = table.Column<DateOnly>(type: "date", nullable: true),
                    IpcSubclass = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Chain = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CoOwnerNames = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EvaluationReport = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EvaluationReportLength = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclaredPatents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclaredPatents_OpenLicenseDeclarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "OpenLicenseDeclarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LicenseOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LicensorOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LicenseeOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpenKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Payment = table.Column<int>(type: "integer", nullable: false),
                    PaymentChannel = table.Column<int>(type: "integer", nullable: false),
                    UpfrontFen = table.Column<long>(type: "bigint", nullable: false),
                    NotifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckoutSessionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EffectiveAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordalDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordalNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicenseOrders_OpenLicenseDeclarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "OpenLicenseDeclarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoyaltyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    ReportedYuan = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    RoyaltyYuan = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    ReportedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoyaltyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoyaltyReports_LicenseOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "LicenseOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeclaredPatents_DeclarationId_PatentId",
                table: "DeclaredPatents",
                columns: new[] { "DeclarationId", "PatentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeclaredPatents_PatentId",
                table: "DeclaredPatents",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_ExclusiveLicenseRecords_PatentId",
                table: "ExclusiveLicenseRecords",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_CheckoutSessionId",
                table: "LicenseOrders",
                column: "CheckoutSessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_DeclarationId",
                table: "LicenseOrders",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_LicenseeOrganizationId",
                table: "LicenseOrders",
                column: "LicenseeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_LicenseeOrganizationId_RequestKey",
                table: "LicenseOrders",
                columns: new[] { "LicenseeOrganizationId", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_LicensorOrganizationId",
                table: "LicenseOrders",
                column: "LicensorOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_OpenKey",
                table: "LicenseOrders",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOrders_Reference",
                table: "LicenseOrders",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicensingNotifications_OrganizationId_CreatedAt",
                table: "LicensingNotifications",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenLicenseDeclarations_OrganizationId_Status",
                table: "OpenLicenseDeclarations",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenLicenseDeclarations_PublicationReference",
                table: "OpenLicenseDeclarations",
                column: "PublicationReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenLicenseDeclarations_Status",
                table: "OpenLicenseDeclarations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationNameVariants_OrganizationId_Name",
                table: "OrganizationNameVariants",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentEvents_EventId",
                table: "PaymentEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortfolioClaims_OrganizationId_PatentId",
                table: "PortfolioClaims",
                columns: new[] { "OrganizationId", "PatentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortfolioClaims_Status",
                table: "PortfolioClaims",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RoyaltyReports_OrderId_Year_Quarter",
                table: "RoyaltyReports",
                columns: new[] { "OrderId", "Year", "Quarter" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeclaredPatents");

            migrationBuilder.DropTable(
                name: "ExclusiveLicenseRecords");

            migrationBuilder.DropTable(
                name: "LicensingNotifications");

            migrationBuilder.DropTable(
                name: "OrganizationNameVariants");

            migrationBuilder.DropTable(
                name: "PaymentEvents");

            migrationBuilder.DropTable(
                name: "PayoutAccounts");

            migrationBuilder.DropTable(
                name: "PortfolioClaims");

            migrationBuilder.DropTable(
                name: "RoyaltyReports");

            migrationBuilder.DropTable(
                name: "LicenseOrders");

            migrationBuilder.DropTable(
                name: "OpenLicenseDeclarations");
        }
    }
}
