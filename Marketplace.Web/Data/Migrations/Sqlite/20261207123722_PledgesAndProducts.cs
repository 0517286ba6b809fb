using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SalesRevenueYuan = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RevenueYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PledgorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PledgeeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PledgeeOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountYuan = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReleasedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceFile = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Right = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
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
                    PledgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
