using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Transfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TransferListings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SellerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SellerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PatentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PatentTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DocumentType = table.Column<int>(type: "INTEGER", nullable: false),
                    LegalStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Applicants = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Inventors = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CoOwnerNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AskingPriceFen = table.Column<long>(type: "INTEGER", nullable: true),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ListedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AcceptedOfferId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuyerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BuyerAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PriceFen = table.Column<long>(type: "INTEGER", nullable: true),
                    PaymentTerms = table.Column<int>(type: "INTEGER", nullable: true),
                    Instalments = table.Column<int>(type: "INTEGER", nullable: true),
                    CoOwnerConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    LicencesAcknowledged = table.Column<bool>(type: "INTEGER", nullable: false),
                    Pledged = table.Column<bool>(type: "INTEGER", nullable: true),
                    PledgeDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SellerAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AgreedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PaymentChannel = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckoutSessionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PaidAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordalNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferListings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferListings_Organizations_SellerOrganizationId",
                        column: x => x.SellerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransferOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BuyerAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentTerms = table.Column<int>(type: "INTEGER", nullable: false),
                    Instalments = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferOffers_Organizations_BuyerOrganizationId",
                        column: x => x.BuyerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransferOffers_TransferListings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "TransferListings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TransferMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriceFen = table.Column<long>(type: "INTEGER", nullable: true),
                    PaymentTerms = table.Column<int>(type: "INTEGER", nullable: true),
                    Instalments = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferMessages_TransferOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "TransferOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TransferListings_PatentId",
                table: "TransferListings",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferListings_Reference",
                table: "TransferListings",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransferListings_SellerOrganizationId_Status",
                table: "TransferListings",
                columns: new[] { "SellerOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TransferListings_Status",
                table: "TransferListings",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_TransferMessages_OfferId_At",
                table: "TransferMessages",
                columns: new[] { "OfferId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TransferOffers_BuyerOrganizationId",
                table: "TransferOffers",
                column: "BuyerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferOffers_ListingId_Status",
                table: "TransferOffers",
                columns: new[] { "ListingId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TransferMessages");

            migrationBuilder.DropTable(
                name: "TransferOffers");

            migrationBuilder.DropTable(
                name: "TransferListings");
        }
    }
}
