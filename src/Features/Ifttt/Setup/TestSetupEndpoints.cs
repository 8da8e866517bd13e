using AdminPortal.Features.Ifttt.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Setup;

/// <summary><c>POST test/setup</c> (service key; no body).</summary>
public static class TestSetupEndpoints
{
    public static async Task<JsonHttpResult<DataEnvelope<TestSetupData>>> SetupAsync(HttpContext http, TestSetupService setup) =>
        IftttResults.Data(await setup.PrepareAsync(http.Request, http.RequestAborted), IftttJsonContext.Default.DataEnvelopeTestSetupData);
}
