using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations
{
    /// <inheritdoc />
    public partial class TimelineIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_UserId_Trigger_OccurredAt_Id",
                table: "TimelineEvents");

            migrationBuilder.CreateTable(
                name: "TimelineIndexState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ShapesFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineIndexState", x => x.Id);
                });

            // EventMatchKeys becomes WITHOUT ROWID: its primary key is the poll's index, so the rowid table beside it
            // was a second copy of every row written on every ingest (decision 0008). EF has no switch for it.
            migrationBuilder.Sql("""
                CREATE TABLE "EventMatchKeys_new" (
                    "UserId" TEXT NOT NULL,
                    "MatchKey" INTEGER NOT NULL,
                    "OccurredAt" INTEGER NOT NULL,
                    "EventId" TEXT NOT NULL,
                    CONSTRAINT "PK_EventMatchKeys" PRIMARY KEY ("UserId", "MatchKey", "OccurredAt", "EventId")
                ) WITHOUT ROWID;
                INSERT INTO "EventMatchKeys_new" SELECT "UserId", "MatchKey", "OccurredAt", "EventId" FROM "EventMatchKeys"
                    ORDER BY "UserId", "MatchKey", "OccurredAt", "EventId";
                DROP TABLE "EventMatchKeys";
                ALTER TABLE "EventMatchKeys_new" RENAME TO "EventMatchKeys";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "EventMatchKeys_old" (
                    "UserId" TEXT NOT NULL,
                    "MatchKey" INTEGER NOT NULL,
                    "OccurredAt" INTEGER NOT NULL,
                    "EventId" TEXT NOT NULL,
                    CONSTRAINT "PK_EventMatchKeys" PRIMARY KEY ("UserId", "MatchKey", "OccurredAt", "EventId")
                );
                INSERT INTO "EventMatchKeys_old" SELECT "UserId", "MatchKey", "OccurredAt", "EventId" FROM "EventMatchKeys";
                DROP TABLE "EventMatchKeys";
                ALTER TABLE "EventMatchKeys_old" RENAME TO "EventMatchKeys";
                """);

            migrationBuilder.DropTable(
                name: "TimelineIndexState");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_UserId_Trigger_OccurredAt_Id",
                table: "TimelineEvents",
                columns: new[] { "UserId", "Trigger", "OccurredAt", "Id" });
        }
    }
}
