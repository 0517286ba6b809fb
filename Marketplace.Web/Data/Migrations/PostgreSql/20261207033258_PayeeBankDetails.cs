using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PayeeBankDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PayeeAccountNumber",
                table: "Organizations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeBank",
                table: "Organizations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "Organizations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PayeeAccountNumber",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PayeeBank",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PayeeName",
                table: "Organizations");
        }
    }
}
