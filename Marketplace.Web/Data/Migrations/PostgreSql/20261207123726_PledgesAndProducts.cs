using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PledgesAndProducts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PatentIntensiveProducts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SalesRevenueYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RevenueYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReviewReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatentIntensiveProducts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatentIntensiveProducts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PledgorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PledgeeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PledgeeOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AmountYuan = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    County = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReleasedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    SourceFile = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeRecords_Organizations_PledgeeOrganizationId",
                        column: x => x.PledgeeOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProductPatents",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Right = table.Column<int>(type: "integer", nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Chain = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductPatents", x => new { x.ProductId, x.PatentId });
                    table.ForeignKey(
                        name: "FK_ProductPatents_PatentIntensiveProducts_ProductId",
                        column: x => x.ProductId,
                        principalTable: "PatentIntensiveProducts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgedPatents",
                columns: table => new
                {
                    PledgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgedPatents", x => new { x.PledgeId, x.PatentId });
                    table.ForeignKey(
                        name: "FK_PledgedPatents_PledgeRecords_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "PledgeRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PatentIntensiveProducts_OrganizationId_Status",
                table: "PatentIntensiveProducts",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PatentIntensiveProducts_Status",
                table: "PatentIntensiveProducts",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PledgedPatents_PatentId",
                table: "PledgedPatents",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeRecords_PledgeeOrganizationId",
                table: "PledgeRecords",
                column: "PledgeeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeRecords_RegistrationNumber",
                table: "PledgeRecords",
                column: "RegistrationNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductPatents_PatentId",
                table: "ProductPatents",
                column: "PatentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PledgedPatents");

            migrationBuilder.DropTable(
                name: "ProductPatents");

            migrationBuilder.DropTable(
                name: "PledgeRecords");

            migrationBuilder.DropTable(
                name: "PatentIntensiveProducts");
        }
    }
}
