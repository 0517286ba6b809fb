using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AcquisitionHolder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HolderOrganizationId",
                table: "AcquisitionPools",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcquisitionPools_HolderOrganizationId",
                table: "AcquisitionPools",
                column: "HolderOrganizationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AcquisitionPools_Organizations_HolderOrganizationId",
                table: "AcquisitionPools",
                column: "HolderOrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AcquisitionPools_Organizations_HolderOrganizationId",
                table: "AcquisitionPools");

            migrationBuilder.DropIndex(
                name: "IX_AcquisitionPools_HolderOrganizationId",
                table: "AcquisitionPools");

            migrationBuilder.DropColumn(
                name: "HolderOrganizationId",
                table: "AcquisitionPools");
        }
    }
}
