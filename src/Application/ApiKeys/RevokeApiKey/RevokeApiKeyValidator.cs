using FluentValidation;

namespace ProSaaS.Application.ApiKeys.RevokeApiKey;

public sealed class RevokeApiKeyValidator : AbstractValidator<RevokeApiKey>
{
    public RevokeApiKeyValidator()
    {
        RuleFor(x => x.ApiKeyId).NotEmpty().WithMessage("חסר מזהה מפתח.");
    }
}
