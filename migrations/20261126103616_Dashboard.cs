using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations
{
    /// <inheritdoc />
    public partial class Dashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TriggerIdentities_Dashboard_LastPolledAt",
                table: "TriggerIdentities",
                column: "LastPolledAt");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_Dashboard_OccurredAt",
                table: "TimelineEvents",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_Dashboard_Trigger_OccurredAt",
                table: "TimelineEvents",
                columns: new[] { "Trigger", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IftttRequestLog_Dashboard_TriggerIdentity_At",
                table: "IftttRequestLog",
                columns: new[] { "TriggerIdentity", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IftttActionLog_Dashboard_UserId_CreatedAt",
                table: "IftttActionLog",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TriggerIdentities_Dashboard_LastPolledAt",
                table: "TriggerIdentities");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_Dashboard_OccurredAt",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_Dashboard_Trigger_OccurredAt",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_IftttRequestLog_Dashboard_TriggerIdentity_At",
                table: "IftttRequestLog");

            migrationBuilder.DropIndex(
                name: "IX_IftttActionLog_Dashboard_UserId_CreatedAt",
                table: "IftttActionLog");
        }
    }
}
