using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdminPortal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ExternalId = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    IsTestUser = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "text", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConnectorCursors",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Trigger = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    Cursor = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C"),
                    LastRunAt = table.Column<long>(type: "bigint", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastItems = table.Column<int>(type: "integer", nullable: false),
                    TotalItems = table.Column<long>(type: "bigint", nullable: false),
                    NextRunAt = table.Column<long>(type: "bigint", nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C"),
                    LastErrorAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectorCursors", x => new { x.UserId, x.Trigger });
                });

            migrationBuilder.CreateTable(
                name: "EventMatchKeys",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    MatchKey = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<string>(type: "text", maxLength: 26, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventMatchKeys", x => new { x.UserId, x.MatchKey, x.OccurredAt, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "IftttActionLog",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", maxLength: 26, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    RequestId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    Fields = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Outcome = table.Column<string>(type: "text", maxLength: 10, nullable: false, collation: "C"),
                    ResultId = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    ResultUrl = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C"),
                    Message = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C"),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttActionLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IftttRequestLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    Method = table.Column<string>(type: "text", maxLength: 10, nullable: false, collation: "C"),
                    Endpoint = table.Column<string>(type: "text", maxLength: 400, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: true, collation: "C"),
                    TriggerIdentity = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    Items = table.Column<int>(type: "integer", nullable: true),
                    Realtime = table.Column<bool>(type: "boolean", nullable: false),
                    TestMode = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttRequestLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IftttServiceState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Maintenance = table.Column<bool>(type: "boolean", nullable: false),
                    MaintenanceMessage = table.Column<string>(type: "text", maxLength: 500, nullable: true, collation: "C"),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IftttServiceState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NoticeCampaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "text", maxLength: 40, nullable: false, collation: "C"),
                    Message = table.Column<string>(type: "text", maxLength: 4000, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeCampaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NoticeDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeKey = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    Recipient = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: true, collation: "C"),
                    Subject = table.Column<string>(type: "text", maxLength: 300, nullable: false, collation: "C"),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthConnectionUsage",
                columns: table => new
                {
                    AuthorizationId = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    LastUsedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthConnectionUsage", x => x.AuthorizationId);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictApplications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ApplicationType = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    ClientId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    ClientSecret = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClientType = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    ConcurrencyToken = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    ConsentType = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    DisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DisplayNames = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    JsonWebKeySet = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Permissions = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PostLogoutRedirectUris = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Properties = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RedirectUris = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Requirements = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Settings = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictScopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ConcurrencyToken = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Descriptions = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    DisplayNames = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Name = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    Properties = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Resources = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictScopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PreflightRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: false),
                    BaseUrl = table.Column<string>(type: "text", maxLength: 2000, nullable: false, collation: "C"),
                    StartedBy = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C"),
                    WithAuth = table.Column<bool>(type: "boolean", nullable: false),
                    Passed = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreflightRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProductCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Purpose = table.Column<string>(type: "text", maxLength: 200, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: true, collation: "C"),
                    RequestId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    Method = table.Column<string>(type: "text", maxLength: 10, nullable: false, collation: "C"),
                    Url = table.Column<string>(type: "text", maxLength: 2000, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: true),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    Outcome = table.Column<string>(type: "text", maxLength: 20, nullable: false, collation: "C"),
                    Message = table.Column<string>(type: "text", maxLength: 1000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProductLinks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "text", maxLength: 200, nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    ProtectedAccessToken = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ProtectedRefreshToken = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AccessTokenExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LinkedAt = table.Column<long>(type: "bigint", nullable: false),
                    RefreshedAt = table.Column<long>(type: "bigint", nullable: true),
                    BrokenAt = table.Column<long>(type: "bigint", nullable: true),
                    BrokenReason = table.Column<string>(type: "text", maxLength: 300, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductLinks", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "PublishChecks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", maxLength: 50, nullable: false, collation: "C"),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishChecks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "RealtimeBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<string>(type: "text", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastStatusCode = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealtimeBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RealtimeCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<string>(type: "text", maxLength: 64, nullable: false, collation: "C"),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealtimeCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RealtimeIdentityNudges",
                columns: table => new
                {
                    TriggerIdentity = table.Column<string>(type: "text", maxLength: 200, nullable: false, collation: "C"),
                    LastNudgedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealtimeIdentityNudges", x => x.TriggerIdentity);
                });

            migrationBuilder.CreateTable(
                name: "RealtimeNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TriggerIdentity = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    BatchId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "text", maxLength: 20, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealtimeNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedWebhooks",
                columns: table => new
                {
                    Source = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    MessageId = table.Column<string>(type: "text", maxLength: 200, nullable: false, collation: "C"),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedWebhooks", x => new { x.Source, x.MessageId });
                });

            migrationBuilder.CreateTable(
                name: "Secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", maxLength: 500, nullable: false, collation: "C"),
                    ConfigurationFingerprint = table.Column<string>(type: "text", maxLength: 64, nullable: true, collation: "C"),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SunsetHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C"),
                    What = table.Column<string>(type: "text", maxLength: 2000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SunsetHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SunsetPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SunsetAt = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "text", maxLength: 500, nullable: false, collation: "C"),
                    MessageToUsers = table.Column<string>(type: "text", maxLength: 4000, nullable: false, collation: "C"),
                    PlatformTeamEmail = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C"),
                    ShortNoticeConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", maxLength: 256, nullable: false, collation: "C"),
                    CancelledAt = table.Column<long>(type: "bigint", nullable: true),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true),
                    UserNoticeJobId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    SunsetJobId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SunsetPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TimelineEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", maxLength: 26, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Trigger = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    OccurredAt = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<string>(type: "text", maxLength: 200, nullable: true, collation: "C"),
                    Attributes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Ingredients = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TimelineIndexState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ShapesFingerprint = table.Column<string>(type: "text", maxLength: 64, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineIndexState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "text", maxLength: 40, nullable: true, collation: "C"),
                    Detail = table.Column<string>(type: "text", maxLength: 300, nullable: true, collation: "C"),
                    StatusCode = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenHealth",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FailedChecks = table.Column<int>(type: "integer", nullable: false),
                    FirstFailureAt = table.Column<long>(type: "bigint", nullable: true),
                    LastFailureAt = table.Column<long>(type: "bigint", nullable: true),
                    LastFailureReason = table.Column<string>(type: "text", maxLength: 40, nullable: true, collation: "C"),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastCheckAt = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenHealth", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "TriggerIdentities",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", maxLength: 200, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "text", maxLength: 450, nullable: false, collation: "C"),
                    Trigger = table.Column<string>(type: "text", maxLength: 100, nullable: false, collation: "C"),
                    Fields = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MatchKey = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "bigint", nullable: false),
                    LastPolledAt = table.Column<long>(type: "bigint", nullable: false),
                    PollCount = table.Column<long>(type: "bigint", nullable: false),
                    RealtimePollCount = table.Column<long>(type: "bigint", nullable: false),
                    TestMode = table.Column<bool>(type: "boolean", nullable: false),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriggerIdentities", x => new { x.UserId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictAuthorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ApplicationId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyToken = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    CreationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Scopes = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Status = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    Subject = table.Column<string>(type: "text", maxLength: 400, nullable: true, collation: "C"),
                    Type = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictAuthorizations_OpenIddictApplications_Application~",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "PreflightResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Test = table.Column<string>(type: "text", maxLength: 300, nullable: false, collation: "C"),
                    Method = table.Column<string>(type: "text", maxLength: 10, nullable: false, collation: "C"),
                    Path = table.Column<string>(type: "text", maxLength: 2000, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: true),
                    Excerpt = table.Column<string>(type: "text", maxLength: 600, nullable: false, collation: "C"),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Why = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C"),
                    Fix = table.Column<string>(type: "text", maxLength: 2000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreflightResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreflightResults_PreflightRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "PreflightRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ApplicationId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AuthorizationId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyToken = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    CreationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Properties = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RedemptionDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReferenceId = table.Column<string>(type: "text", maxLength: 100, nullable: true, collation: "C"),
                    Status = table.Column<string>(type: "text", maxLength: 50, nullable: true, collation: "C"),
                    Subject = table.Column<string>(type: "text", maxLength: 400, nullable: true, collation: "C"),
                    Type = table.Column<string>(type: "text", maxLength: 150, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "OpenIddictAuthorizations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ExternalId",
                table: "AspNetUsers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorCursors_Trigger",
                table: "ConnectorCursors",
                column: "Trigger");

            migrationBuilder.CreateIndex(
                name: "IX_IftttActionLog_CreatedAt",
                table: "IftttActionLog",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IftttActionLog_Dashboard_UserId_CreatedAt",
                table: "IftttActionLog",
                columns: new[] { "UserId", "CreatedAt" });

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
                name: "IX_IftttRequestLog_Dashboard_TriggerIdentity_At",
                table: "IftttRequestLog",
                columns: new[] { "TriggerIdentity", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IftttRequestLog_UserId_At",
                table: "IftttRequestLog",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeDeliveries_NoticeKey_Recipient",
                table: "NoticeDeliveries",
                columns: new[] { "NoticeKey", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictApplications_ClientId",
                table: "OpenIddictApplications",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type",
                table: "OpenIddictAuthorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictScopes_Name",
                table: "OpenIddictScopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type",
                table: "OpenIddictTokens",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_AuthorizationId",
                table: "OpenIddictTokens",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ReferenceId",
                table: "OpenIddictTokens",
                column: "ReferenceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreflightResults_RunId_Position",
                table: "PreflightResults",
                columns: new[] { "RunId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreflightRuns_StartedAt",
                table: "PreflightRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProductCalls_At",
                table: "ProductCalls",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ProductCalls_RequestId",
                table: "ProductCalls",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductLinks_Subject",
                table: "ProductLinks",
                column: "Subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RealtimeBatches_State_NextAttemptAt",
                table: "RealtimeBatches",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RealtimeCalls_At",
                table: "RealtimeCalls",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RealtimeCalls_BatchId",
                table: "RealtimeCalls",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_RealtimeNotifications_BatchId",
                table: "RealtimeNotifications",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_RealtimeNotifications_State_Id",
                table: "RealtimeNotifications",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedWebhooks_ReceivedAt",
                table: "ReceivedWebhooks",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SunsetHistory_At",
                table: "SunsetHistory",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_Dashboard_OccurredAt",
                table: "TimelineEvents",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_Dashboard_Trigger_OccurredAt",
                table: "TimelineEvents",
                columns: new[] { "Trigger", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_UserId_Trigger_SourceId",
                table: "TimelineEvents",
                columns: new[] { "UserId", "Trigger", "SourceId" },
                unique: true,
                filter: "\"SourceId\" IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "IX_TriggerIdentities_Dashboard_LastPolledAt",
                table: "TriggerIdentities",
                column: "LastPolledAt");

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
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "ConnectorCursors");

            migrationBuilder.DropTable(
                name: "EventMatchKeys");

            migrationBuilder.DropTable(
                name: "IftttActionLog");

            migrationBuilder.DropTable(
                name: "IftttRequestLog");

            migrationBuilder.DropTable(
                name: "IftttServiceState");

            migrationBuilder.DropTable(
                name: "NoticeCampaigns");

            migrationBuilder.DropTable(
                name: "NoticeDeliveries");

            migrationBuilder.DropTable(
                name: "OAuthConnectionUsage");

            migrationBuilder.DropTable(
                name: "OpenIddictScopes");

            migrationBuilder.DropTable(
                name: "OpenIddictTokens");

            migrationBuilder.DropTable(
                name: "PreflightResults");

            migrationBuilder.DropTable(
                name: "ProductCalls");

            migrationBuilder.DropTable(
                name: "ProductLinks");

            migrationBuilder.DropTable(
                name: "PublishChecks");

            migrationBuilder.DropTable(
                name: "RealtimeBatches");

            migrationBuilder.DropTable(
                name: "RealtimeCalls");

            migrationBuilder.DropTable(
                name: "RealtimeIdentityNudges");

            migrationBuilder.DropTable(
                name: "RealtimeNotifications");

            migrationBuilder.DropTable(
                name: "ReceivedWebhooks");

            migrationBuilder.DropTable(
                name: "Secrets");

            migrationBuilder.DropTable(
                name: "SunsetHistory");

            migrationBuilder.DropTable(
                name: "SunsetPlans");

            migrationBuilder.DropTable(
                name: "TimelineEvents");

            migrationBuilder.DropTable(
                name: "TimelineIndexState");

            migrationBuilder.DropTable(
                name: "TokenChecks");

            migrationBuilder.DropTable(
                name: "TokenHealth");

            migrationBuilder.DropTable(
                name: "TriggerIdentities");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "OpenIddictAuthorizations");

            migrationBuilder.DropTable(
                name: "PreflightRuns");

            migrationBuilder.DropTable(
                name: "OpenIddictApplications");
        }
    }
}
