using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Contests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContestEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PatentIds = table.Column<string>(type: "TEXT", nullable: false),
                    Eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibilityReasons = table.Column<string>(type: "TEXT", nullable: false),
                    StageReached = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminatedAtStage = table.Column<int>(type: "INTEGER", nullable: true),
                    FinalRank = table.Column<int>(type: "INTEGER", nullable: true),
                    Award = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContestJudgeAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JudgeUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestJudgeAssignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContestObserverInterests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObserverUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestObserverInterests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Groups = table.Column<string>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    NormalizePerJudge = table.Column<bool>(type: "INTEGER", nullable: false),
                    JudgesPerEntry = table.Column<int>(type: "INTEGER", nullable: false),
                    GoldAwards = table.Column<int>(type: "INTEGER", nullable: false),
                    SilverAwards = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcellenceAwards = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnnouncedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultsPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContestScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JudgeUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Items = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestScores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContestEntryDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestEntryDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestEntryDocuments_ContestEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ContestEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeclaredConflicts = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestParticipants_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmissionDeadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    JudgingEnds = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Rubric = table.Column<string>(type: "TEXT", nullable: false),
                    Advancement = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgingStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestStages_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_ContestId_OrganizationId",
                table: "ContestEntries",
                columns: new[] { "ContestId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntryDocuments_EntryId",
                table: "ContestEntryDocuments",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestJudgeAssignments_ContestId_JudgeUserId",
                table: "ContestJudgeAssignments",
                columns: new[] { "ContestId", "JudgeUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestJudgeAssignments_StageId_EntryId_JudgeUserId",
                table: "ContestJudgeAssignments",
                columns: new[] { "StageId", "EntryId", "JudgeUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestObserverInterests_EntryId_ObserverUserId",
                table: "ContestObserverInterests",
                columns: new[] { "EntryId", "ObserverUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestParticipants_ContestId_UserId",
                table: "ContestParticipants",
                columns: new[] { "ContestId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestParticipants_TokenHash",
                table: "ContestParticipants",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contests_Status",
                table: "Contests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ContestScores_StageId_EntryId_JudgeUserId",
                table: "ContestScores",
                columns: new[] { "StageId", "EntryId", "JudgeUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestStages_ContestId_Order",
                table: "ContestStages",
                columns: new[] { "ContestId", "Order" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContestEntryDocuments");

            migrationBuilder.DropTable(
                name: "ContestJudgeAssignments");

            migrationBuilder.DropTable(
                name: "ContestObserverInterests");

            migrationBuilder.DropTable(
                name: "ContestParticipants");

            migrationBuilder.DropTable(
                name: "ContestScores");

            migrationBuilder.DropTable(
                name: "ContestStages");

            migrationBuilder.DropTable(
                name: "ContestEntries");

            migrationBuilder.DropTable(
                name: "Contests");
        }
    }
}
