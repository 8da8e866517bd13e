using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdminPortal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertIncidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<string>(type: "text", maxLength: 40, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Summary = table.Column<string>(type: "text", maxLength: 1000, nullable: false, collation: "C"),
                    Advice = table.Column<string>(type: "text", maxLength: 1000, nullable: false, collation: "C"),
                    OpenedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAt = table.Column<long>(type: "bigint", nullable: false),
                    ClearedAt = table.Column<long>(type: "bigint", nullable: true),
                    OpenNoticeSentAt = table.Column<long>(type: "bigint", nullable: true),
                    ClearNoticeSentAt = table.Column<long>(type: "bigint", nullable: true),
                    NoticeError = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertIncidents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertIncidents_Open_Rule_Subject",
                table: "AlertIncidents",
                columns: new[] { "Rule", "Subject" },
                unique: true,
                filter: "\"ClearedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AlertIncidents_OpenedAt",
                table: "AlertIncidents",
                column: "OpenedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertIncidents");
        }
    }
}
