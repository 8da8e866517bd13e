using System.Data.Common;

namespace AdminPortal.Data;

public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; null becomes DBNull.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
