using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi.Requests;

namespace AdminPortal.Features.ProductApi.Options;

/// <summary>
/// A trigger field with a <c>ValidateRequest</c>: the product judges the value (<c>{{ value }}</c>, every submitted
/// value in <c>fields</c>). 2xx is valid; a declared SkipStatus is invalid with the product's message; anything else
/// is an error IFTTT shows, not a verdict.
/// </summary>
public sealed class ProductFieldValidator(ProductRequests requests, ProductClient client, TemplateModel models) : IRemoteFieldValidator
{
    public async Task<string?> ValidateAsync(RemoteFieldValidation request, CancellationToken ct)
    {
        var declared = requests.Validation(request.Trigger, request.Field.Slug)
            ?? throw new DynamicOptionsException($"The field '{request.Field.Slug}' declares no ValidateRequest.");
        var model = await models.ForUserAsync(request.UserId, ct);
        model["fields"] = TemplateModel.Fields(request.Values);
        model["value"] = request.Value ?? "";
        var response = await client.SendAsync(declared, model,
            new ProductCallContext($"validate triggers/{request.Trigger}/{request.Field.Slug}", request.UserId, request.RequestId), ct);
        return response.Outcome switch
        {
            ProductCallOutcome.Success => null,
            ProductCallOutcome.Skip or ProductCallOutcome.Refused => response.Message,
            ProductCallOutcome.LinkBroken => throw new DynamicOptionsException(
                $"Your account's link to the product needs to be renewed: {response.Message}", StatusCodes.Status401Unauthorized),
            _ => throw new DynamicOptionsException($"The product could not check the value: {response.Message}"),
        };
    }
}
