using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QuartzJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FireInstanceId = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Job = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Group = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Progress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_FireInstanceId",
                table: "JobRuns",
                column: "FireInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Group_Job_StartedAt",
                table: "JobRuns",
                columns: new[] { "Group", "Job", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_StartedAt",
                table: "JobRuns",
                column: "StartedAt");

            // Quartz.NET's persistent job store (ADR-019); the DDL is in QuartzTables, frozen with this migration.
            foreach (var statement in Marketplace.Web.Jobs.QuartzTables.Create(postgreSql: true))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Marketplace.Web.Jobs.QuartzTables.Drop())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropTable(
                name: "JobRuns");
        }
    }
}
