using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Common.Behaviours;

/// <summary>
/// Turns failures of the inner layers into the application's typed errors, so that hosts map one family of
/// exceptions (validation → 400, not found → 404, concurrency → 409, rule → 422, anything else → 500).
/// </summary>
public sealed class ErrorMappingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (DomainException ex)
        {
            throw new BusinessRuleException(ex.Code, ex.Message, ex);
        }
    }
}
