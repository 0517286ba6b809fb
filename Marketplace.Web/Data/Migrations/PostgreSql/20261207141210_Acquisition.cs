using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Acquisition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcquisitionPools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChainId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcquisitionPools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PatentPackages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChainId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AskingPriceFen = table.Column<long>(type: "bigint", nullable: true),
                    Deal = table.Column<int>(type: "integer", nullable: false),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatentPackages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AcquisitionCandidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChainId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ValueIndex = table.Column<double>(type: "double precision", nullable: true),
                    Sleeping = table.Column<bool>(type: "boolean", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StageChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OfflineNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PricePaidFen = table.Column<long>(type: "bigint", nullable: true),
                    AcquiredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcquisitionCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcquisitionCandidates_AcquisitionPools_PoolId",
                        column: x => x.PoolId,
                        principalTable: "AcquisitionPools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PackagedPatents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PackageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PackagedPatents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PackagedPatents_PatentPackages_PackageId",
                        column: x => x.PackageId,
                        principalTable: "PatentPackages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcquisitionOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PriceFen = table.Column<long>(type: "bigint", nullable: true),
                    Terms = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RenewalOfId = table.Column<Guid>(type: "uuid", nullable: true),
                    Renewed = table.Column<bool>(type: "boolean", nullable: false),
                    SentBy = table.Column<Guid>(type: "uuid", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcquisitionOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcquisitionOffers_AcquisitionCandidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "AcquisitionCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AcquisitionOffers_Organizations_OwnerOrganizationId",
                        column: x => x.OwnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionCandidates_PatentId_Stage",
                table: "AcquisitionCandidates",
                columns: new[] { "PatentId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionCandidates_PoolId_PatentId",
                table: "AcquisitionCandidates",
                columns: new[] { "PoolId", "PatentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionOffers_CandidateId",
                table: "AcquisitionOffers",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionOffers_OwnerOrganizationId_Status",
                table: "AcquisitionOffers",
                columns: new[] { "OwnerOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionOffers_Reference",
                table: "AcquisitionOffers",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionPools_Reference",
                table: "AcquisitionPools",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PackagedPatents_PackageId_PatentId",
                table: "PackagedPatents",
                columns: new[] { "PackageId", "PatentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PackagedPatents_PatentId",
                table: "PackagedPatents",
                column: "PatentId");

            migrationBuilder.CreateIndex(
                name: "IX_PatentPackages_Reference",
                table: "PatentPackages",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcquisitionOffers");

            migrationBuilder.DropTable(
                name: "PackagedPatents");

            migrationBuilder.DropTable(
                name: "AcquisitionCandidates");

            migrationBuilder.DropTable(
                name: "PatentPackages");

            migrationBuilder.DropTable(
                name: "AcquisitionPools");
        }
    }
}
