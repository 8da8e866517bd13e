namespace AdminPortal.Features.Ifttt.Setup;

/// <summary>test/setup's data: a working token of the test user and samples for every endpoint test.</summary>
public sealed record TestSetupData(string AccessToken, TestSamples Samples);

public sealed record TestSamples(
    Dictionary<string, Dictionary<string, string>> Triggers,
    Dictionary<string, Dictionary<string, ValidationSample>> TriggerFieldValidations,
    Dictionary<string, Dictionary<string, string>> Actions,
    Dictionary<string, Dictionary<string, string>> ActionRecordSkipping,
    Dictionary<string, Dictionary<string, string>> Queries);

public sealed record ValidationSample(string Valid, string Invalid);
