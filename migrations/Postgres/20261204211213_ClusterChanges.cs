using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdminPortal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClusterChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClusterChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Instance = table.Column<string>(type: "text", maxLength: 32, nullable: false, collation: "C"),
                    Topic = table.Column<string>(type: "text", maxLength: 64, nullable: false, collation: "C"),
                    Detail = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterChanges_At",
                table: "ClusterChanges",
                column: "At");

            // The change feed's notification (decision 0027): sent when the inserting transaction commits, never before,
            // whoever inserts (EF's SaveChanges or a statement beside a bulk update). The channel is per database.
            migrationBuilder.Sql("""
                CREATE FUNCTION "ClusterChanges_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('adminportal_cluster_changes', NEW."Id"::text);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "ClusterChanges_notify" AFTER INSERT ON "ClusterChanges"
                    FOR EACH ROW EXECUTE FUNCTION "ClusterChanges_notify"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "ClusterChanges_notify"() CASCADE;""");
            migrationBuilder.DropTable(
                name: "ClusterChanges");
        }
    }
}
