using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations
{
    /// <inheritdoc />
    public partial class OAuthLinking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OAuthConnectionUsage",
                columns: table => new
                {
                    AuthorizationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthConnectionUsage", x => x.AuthorizationId);
                });

            migrationBuilder.CreateTable(
                name: "TokenChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenHealth",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FailedChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstFailureAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailureReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCheckAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenHealth", x => x.UserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TokenChecks_At",
                table: "TokenChecks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_TokenChecks_UserId_At",
                table: "TokenChecks",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenHealth_State",
                table: "TokenHealth",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OAuthConnectionUsage");

            migrationBuilder.DropTable(
                name: "TokenChecks");

            migrationBuilder.DropTable(
                name: "TokenHealth");
        }
    }
}
