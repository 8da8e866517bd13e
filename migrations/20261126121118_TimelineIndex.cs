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

            // TimelineEvents becomes WITHOUT ROWID on its ULID key: a poll looks up every item by id, and with a rowid
            // table that was two B-tree descents (the id index, then the row); now the key's leaf holds the row.
            migrationBuilder.Sql("""
                CREATE TABLE "TimelineEvents_new" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_TimelineEvents" PRIMARY KEY,
                    "UserId" TEXT NOT NULL,
                    "Trigger" TEXT NOT NULL,
                    "OccurredAt" INTEGER NOT NULL,
                    "ReceivedAt" INTEGER NOT NULL,
                    "SourceId" TEXT NULL,
                    "Attributes" TEXT NOT NULL,
                    "Ingredients" TEXT NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO "TimelineEvents_new" SELECT "Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients"
                    FROM "TimelineEvents" ORDER BY "Id";
                DROP TABLE "TimelineEvents";
                ALTER TABLE "TimelineEvents_new" RENAME TO "TimelineEvents";
                CREATE UNIQUE INDEX "IX_TimelineEvents_UserId_Trigger_SourceId" ON "TimelineEvents" ("UserId", "Trigger", "SourceId") WHERE "SourceId" IS NOT NULL;
                CREATE INDEX "IX_TimelineEvents_Dashboard_OccurredAt" ON "TimelineEvents" ("OccurredAt", "Id");
                CREATE INDEX "IX_TimelineEvents_Dashboard_Trigger_OccurredAt" ON "TimelineEvents" ("Trigger", "OccurredAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "TimelineEvents_old" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_TimelineEvents" PRIMARY KEY,
                    "UserId" TEXT NOT NULL,
                    "Trigger" TEXT NOT NULL,
                    "OccurredAt" INTEGER NOT NULL,
                    "ReceivedAt" INTEGER NOT NULL,
                    "SourceId" TEXT NULL,
                    "Attributes" TEXT NOT NULL,
                    "Ingredients" TEXT NOT NULL
                );
                INSERT INTO "TimelineEvents_old" SELECT "Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients"
                    FROM "TimelineEvents";
                DROP TABLE "TimelineEvents";
                ALTER TABLE "TimelineEvents_old" RENAME TO "TimelineEvents";
                CREATE UNIQUE INDEX "IX_TimelineEvents_UserId_Trigger_SourceId" ON "TimelineEvents" ("UserId", "Trigger", "SourceId") WHERE "SourceId" IS NOT NULL;
                CREATE INDEX "IX_TimelineEvents_Dashboard_OccurredAt" ON "TimelineEvents" ("OccurredAt", "Id");
                CREATE INDEX "IX_TimelineEvents_Dashboard_Trigger_OccurredAt" ON "TimelineEvents" ("Trigger", "OccurredAt");
                """);
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
