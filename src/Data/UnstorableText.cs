using Npgsql;

namespace AdminPortal.Data;

/// <summary>
/// PostgreSQL cannot hold a NUL character in text (SQLite can): a request that carries one into a query fails in the
/// database — <c>22021</c> as a text parameter, <c>22P05</c> as <c>\u0000</c> inside a JSON rows parameter. The client
/// sent it, so the error handling answers 400 rather than 500.
/// </summary>
public static class UnstorableText
{
    public static bool IsNulRefused(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter };
}
