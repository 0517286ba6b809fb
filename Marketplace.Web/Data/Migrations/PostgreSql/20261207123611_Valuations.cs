using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Valuations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PatentValuations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChainId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<int>(type: "integer", nullable: false),
                    ValuationDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RevenueYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    GrowthPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    RoyaltyPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    TaxPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    DiscountPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    LifeYears = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    FeesYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ResearchCostYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ObsolescencePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    MarketAdjustmentPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    DefaultRoyaltyPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    RoyaltySource = table.Column<int>(type: "integer", nullable: false),
                    RoyaltyLicenceCount = table.Column<int>(type: "integer", nullable: false),
                    PublishedIndustryId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ComparablesJson = table.Column<string>(type: "text", nullable: false),
                    LowYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    PointYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    HighYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatentValuations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatentValuations_Organizations_OwnerOrganizationId",
                        column: x => x.OwnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ValuedPatents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ValuationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DocumentType = table.Column<int>(type: "integer", nullable: false),
                    ApplicationDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValuedPatents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValuedPatents_PatentValuations_ValuationId",
                        column: x => x.ValuationId,
                        principalTable: "PatentValuations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PatentValuations_OwnerOrganizationId",
                table: "PatentValuations",
                column: "OwnerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PatentValuations_Reference",
                table: "PatentValuations",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValuedPatents_PatentId",
                table: "ValuedPatents",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_ValuedPatents_ValuationId_PatentId",
                table: "ValuedPatents",
                columns: new[] { "ValuationId", "PatentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ValuedPatents");

            migrationBuilder.DropTable(
                name: "PatentValuations");
        }
    }
}
