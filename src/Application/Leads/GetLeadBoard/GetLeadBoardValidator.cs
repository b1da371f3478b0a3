using FluentValidation;

namespace ProSaaS.Application.Leads.GetLeadBoard;

public sealed class GetLeadBoardValidator : AbstractValidator<GetLeadBoard>
{
    public GetLeadBoardValidator()
    {
        RuleFor(x => x.PerColumn)
            .InclusiveBetween(1, GetLeadBoard.MaxPerColumn).WithMessage($"מספר הלידים בעמודה חייב להיות 1–{GetLeadBoard.MaxPerColumn}.");
        RuleFor(x => x.Search).MaximumLength(100).WithMessage("החיפוש ארוך מדי (עד 100 תווים).");
    }
}
