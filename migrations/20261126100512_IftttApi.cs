using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations
{
    /// <inheritdoc />
    public partial class IftttApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventMatchKeys",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MatchKey = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventMatchKeys", x => new { x.UserId, x.MatchKey, x.OccurredAt, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "IftttActionLog",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Fields = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ResultId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResultUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttActionLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IftttRequestLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    TriggerIdentity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: true),
                    Realtime = table.Column<bool>(type: "INTEGER", nullable: false),
                    TestMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttRequestLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IftttServiceState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Maintenance = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaintenanceMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttServiceState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TimelineEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attributes = table.Column<string>(type: "TEXT", nullable: false),
                    Ingredients = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TriggerIdentities",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", nullable: false),
                    MatchKey = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPolledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PollCount = table.Column<long>(type: "INTEGER", nullable: false),
                    RealtimePollCount = table.Column<long>(type: "INTEGER", nullable: false),
                    TestMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriggerIdentities", x => new { x.UserId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_IftttActionLog_CreatedAt",
                table: "IftttActionLog",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IftttActionLog_UserId_Action_RequestId",
                table: "IftttActionLog",
                columns: new[] { "UserId", "Action", "RequestId" },
                unique: true,
                filter: "\"RequestId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_IftttRequestLog_At",
                table: "IftttRequestLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_IftttRequestLog_UserId_At",
                table: "IftttRequestLog",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_UserId_Trigger_OccurredAt_Id",
                table: "TimelineEvents",
                columns: new[] { "UserId", "Trigger", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_UserId_Trigger_SourceId",
                table: "TimelineEvents",
                columns: new[] { "UserId", "Trigger", "SourceId" },
                unique: true,
                filter: "\"SourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TriggerIdentities_Trigger",
                table: "TriggerIdentities",
                column: "Trigger");

            migrationBuilder.CreateIndex(
                name: "IX_TriggerIdentities_UserId_MatchKey",
                table: "TriggerIdentities",
                columns: new[] { "UserId", "MatchKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventMatchKeys");

            migrationBuilder.DropTable(
                name: "IftttActionLog");

            migrationBuilder.DropTable(
                name: "IftttRequestLog");

            migrationBuilder.DropTable(
                name: "IftttServiceState");

            migrationBuilder.DropTable(
                name: "TimelineEvents");

            migrationBuilder.DropTable(
                name: "TriggerIdentities");
        }
    }
}
