namespace AcmeHome;

/// <summary>Entry point of <c>dotnet run --project samples/AcmeHome</c>.</summary>
/// <remarks>
/// Deliberately not a top-level <c>Program</c>: AdminPortal declares a global <c>Program</c> and both assemblies load
/// into one test process, where two global <c>Program</c> types would make <c>WebApplicationFactory&lt;Program&gt;</c>
/// ambiguous.
/// </remarks>
public static class AcmeHomeProgram
{
    public static Task Main(string[] args) => AcmeHomeApp.Build(args).RunAsync();
}
