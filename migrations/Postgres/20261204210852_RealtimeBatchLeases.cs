using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RealtimeBatchLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "RealtimeBatches",
                type: "text",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<long>(
                name: "LeasedUntil",
                table: "RealtimeBatches",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "RealtimeBatches");

            migrationBuilder.DropColumn(
                name: "LeasedUntil",
                table: "RealtimeBatches");
        }
    }
}
