using System.Linq.Expressions;
using FluentValidation;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants;

/// <summary>Checks a whole settings document and reports every invalid field, by its JSON path, in Hebrew.</summary>
public sealed class TenantSettingsValidator : AbstractValidator<TenantSettings>
{
    public TenantSettingsValidator()
    {
        RuleFor(x => x.AssistantName)
            .Must(TenantSettingsRules.IsValidAssistantName)
            .WithMessage($"שם העוזרת חייב להכיל 1–{TenantSettingsRules.MaxAssistantNameLength} תווים.");
        RuleFor(x => x.Greeting)
            .NotEmpty().WithMessage("יש להזין פתיח.")
            .MaximumLength(TenantSettingsRules.MaxGreetingLength).WithMessage($"הפתיח ארוך מדי (עד {TenantSettingsRules.MaxGreetingLength} תווים).")
            .Must(TenantSettingsRules.HasOnlyKnownPlaceholders)
            .WithMessage($"התבנית היחידה המותרת בפתיח היא {TenantSettings.BusinessPlaceholder} (שם העסק).");
        RuleFor(x => x.Voice)
            .Must(TenantSettingsRules.IsKnownVoice)
            .WithMessage($"הקול אינו מוכר. אפשר לבחור: {string.Join(", ", TenantSettingsRules.Voices)}.");
        RuleFor(x => x.AssistantGender).IsInEnum().WithMessage("מגדר העוזר/ת חייב להיות female או male.");
        RuleFor(x => x.InboundPrompt)
            .NotEmpty().WithMessage("יש להזין הנחיות לשיחות נכנסות.")
            .MaximumLength(TenantSettingsRules.MaxPromptLength)
            .WithMessage($"ההנחיות לשיחות נכנסות ארוכות מדי (עד {TenantSettingsRules.MaxPromptLength} תווים).");
        RuleFor(x => x.OutboundPrompt)
            .NotEmpty().WithMessage("יש להזין הנחיות לשיחות יוצאות.")
            .MaximumLength(TenantSettingsRules.MaxPromptLength)
            .WithMessage($"ההנחיות לשיחות יוצאות ארוכות מדי (עד {TenantSettingsRules.MaxPromptLength} תווים).");
        RuleFor(x => x.AutoHangup).NotNull().WithMessage("חסרות הגדרות הניתוק האוטומטי.");
        RuleFor(x => x.Silence).NotNull().WithMessage("חסרות הגדרות השקט.").SetValidator(new SilenceSettingsValidator());
        RuleFor(x => x.MaxCallMinutes)
            .InclusiveBetween(TenantSettingsRules.MinCallMinutes, TenantSettingsRules.MaxCallMinutes)
            .WithMessage($"משך שיחה מרבי חייב להיות בין {TenantSettingsRules.MinCallMinutes} ל-{TenantSettingsRules.MaxCallMinutes} דקות.");
        RuleFor(x => x.RecordingRetentionDays)
            .InclusiveBetween(TenantSettingsRules.MinRecordingRetentionDays, TenantSettingsRules.MaxRecordingRetentionDays)
            .WithMessage($"ימי שמירת הקלטות השיחה חייבים להיות בין {TenantSettingsRules.MinRecordingRetentionDays} ל-{TenantSettingsRules.MaxRecordingRetentionDays}.");
        RuleFor(x => x.BusinessHours).NotNull().WithMessage("חסרות שעות הפעילות.").SetValidator(new BusinessHoursValidator());
        RuleFor(x => x.Appointments).NotNull().WithMessage("חסרות הגדרות הפגישות.").SetValidator(new AppointmentSettingsValidator());

        RuleFor(x => x.LeadStatuses)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרים סטטוסי הלידים.")
            .Must(s => s.Count is > 0 and <= TenantSettingsRules.MaxLeadStatuses)
            .WithMessage($"יש להגדיר 1–{TenantSettingsRules.MaxLeadStatuses} סטטוסים ללידים.")
            .Must(s => TenantSettingsRules.HasExactlyOneDefault(s)).WithMessage("יש לסמן סטטוס ברירת מחדל אחד בדיוק.")
            .Must(s => TenantSettingsRules.HasUniqueKeys(s)).WithMessage("מפתחות הסטטוסים חייבים להיות ייחודיים.")
            .Must(s => TenantSettingsRules.HasAtMostOneWonAndOneLost(s))
            .WithMessage("מותר לכל היותר סטטוס אחד של עסקה שנסגרה וסטטוס אחד של ליד לא רלוונטי.");
        RuleForEach(x => x.LeadStatuses).NotNull().WithMessage("סטטוס ריק.").SetValidator(new LeadStatusDefinitionValidator());

        RuleFor(x => x.LeadFields)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרים שדות הליד.")
            .Must(f => f.Count <= LeadFieldSchema.MaxFields).WithMessage($"אפשר להגדיר עד {LeadFieldSchema.MaxFields} שדות לליד.")
            .Must(f => LeadFieldSchema.HasUniqueKeys(f)).WithMessage("מפתחות שדות הליד חייבים להיות ייחודיים.");
        RuleForEach(x => x.LeadFields).NotNull().WithMessage("שדה ריק.").SetValidator(new LeadFieldDefinitionValidator());

        RuleFor(x => x.KeypadMenu).Custom((menu, context) =>
        {
            foreach (var error in TenantSettingsRules.KeypadMenuErrors(menu))
            {
                var path = error.Index < 0 ? context.PropertyPath : $"{context.PropertyPath}[{error.Index}].{error.Field}";
                context.AddFailure(new FluentValidation.Results.ValidationFailure(path, error.Message) { ErrorCode = error.Code });
            }
        });
    }
}

public sealed class SilenceSettingsValidator : AbstractValidator<SilenceSettings>
{
    public SilenceSettingsValidator()
    {
        RuleFor(x => x.WarningAfterSeconds)
            .InclusiveBetween(TenantSettingsRules.MinSilenceWarningSeconds, TenantSettingsRules.MaxSilenceWarningSeconds)
            .WithMessage($"האזהרה על שקט חייבת לבוא אחרי {TenantSettingsRules.MinSilenceWarningSeconds}–{TenantSettingsRules.MaxSilenceWarningSeconds} שניות.");
        RuleFor(x => x.HangupAfterSeconds)
            .InclusiveBetween(TenantSettingsRules.MinSilenceHangupSeconds, TenantSettingsRules.MaxSilenceHangupSeconds)
            .WithMessage($"הניתוק בגלל שקט חייב לבוא אחרי {TenantSettingsRules.MinSilenceHangupSeconds}–{TenantSettingsRules.MaxSilenceHangupSeconds} שניות.")
            .GreaterThan(x => x.WarningAfterSeconds)
            .WithMessage("הניתוק בגלל שקט חייב לבוא אחרי האזהרה.");
        RuleFor(x => x.MaxWarnings)
            .InclusiveBetween(0, TenantSettingsRules.MaxSilenceWarnings)
            .WithMessage($"מספר האזהרות חייב להיות בין 0 ל-{TenantSettingsRules.MaxSilenceWarnings}.");
    }
}

public sealed class AppointmentSettingsValidator : AbstractValidator<AppointmentSettings>
{
    public AppointmentSettingsValidator()
    {
        RuleFor(x => x.SlotMinutes)
            .InclusiveBetween(TenantSettingsRules.MinSlotMinutes, TenantSettingsRules.MaxSlotMinutes)
            .WithMessage($"אורך פגישה חייב להיות בין {TenantSettingsRules.MinSlotMinutes} ל-{TenantSettingsRules.MaxSlotMinutes} דקות.");
        RuleFor(x => x.BufferMinutes)
            .InclusiveBetween(0, TenantSettingsRules.MaxBufferMinutes)
            .WithMessage($"זמן המרווח בין פגישות חייב להיות בין 0 ל-{TenantSettingsRules.MaxBufferMinutes} דקות.");
        RuleFor(x => x.MinNoticeMinutes)
            .InclusiveBetween(0, TenantSettingsRules.MaxMinNoticeMinutes)
            .WithMessage($"ההתראה המוקדמת לפגישה חייבת להיות בין 0 ל-{TenantSettingsRules.MaxMinNoticeMinutes} דקות.");
        RuleFor(x => x.BookingWindowDays)
            .InclusiveBetween(TenantSettingsRules.MinBookingWindowDays, TenantSettingsRules.MaxBookingWindowDays)
            .WithMessage($"אפשר לקבוע פגישות עד {TenantSettingsRules.MinBookingWindowDays}–{TenantSettingsRules.MaxBookingWindowDays} ימים מראש.");
        RuleFor(x => x.WorkingHours!).SetValidator(new BusinessHoursValidator()).When(x => x.WorkingHours is not null);
        RuleFor(x => x.DateOverrides)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרה רשימת החריגות בתאריכים (בלי חריגות: רשימה ריקה).")
            .Must(o => o.Count <= TenantSettingsRules.MaxDateOverrides)
            .WithMessage($"אפשר להגדיר עד {TenantSettingsRules.MaxDateOverrides} תאריכים חריגים.")
            .Must(o => TenantSettingsRules.HasUniqueOverrideDates(o))
            .WithMessage("כל תאריך יכול להופיע פעם אחת בלבד ברשימת החריגות.");
        RuleForEach(x => x.DateOverrides).NotNull().WithMessage("חריגה ריקה ברשימת התאריכים.").SetValidator(new DateOverrideValidator());
    }
}

public sealed class DateOverrideValidator : AbstractValidator<DateOverride>
{
    public DateOverrideValidator()
    {
        RuleFor(x => x.Date)
            .Must(date => TenantSettingsRules.TryParseDate(date, out _))
            .WithMessage("התאריך חייב להיות תאריך קיים בפורמט yyyy-MM-dd.");
        RuleFor(x => x.Ranges)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרים טווחי השעות של התאריך (סגור כל היום: רשימה ריקה).")
            .Must(ranges => ranges.Count <= TenantSettingsRules.MaxRangesPerDay)
            .WithMessage($"בתאריך אפשר להגדיר עד {TenantSettingsRules.MaxRangesPerDay} טווחי שעות.")
            .Must(ranges => TenantSettingsRules.RangesDoNotOverlap(ranges))
            .WithMessage("טווחי השעות בתאריך חופפים.");
        RuleForEach(x => x.Ranges).NotNull().WithMessage("טווח שעות ריק בתאריך.").SetValidator(new OpeningRangeValidator());
        RuleFor(x => x.Note)
            .Must(TenantSettingsRules.IsValidDateOverrideNote)
            .WithMessage($"ההערה ארוכה מדי (עד {TenantSettingsRules.MaxDateOverrideNoteLength} תווים).");
    }
}

public sealed class BusinessHoursValidator : AbstractValidator<BusinessHours>
{
    public BusinessHoursValidator()
    {
        Day(x => x.Sunday, "ראשון");
        Day(x => x.Monday, "שני");
        Day(x => x.Tuesday, "שלישי");
        Day(x => x.Wednesday, "רביעי");
        Day(x => x.Thursday, "חמישי");
        Day(x => x.Friday, "שישי");
        Day(x => x.Saturday, "שבת");
    }

    private void Day(Expression<Func<BusinessHours, IReadOnlyList<OpeningRange>>> day, string hebrewName)
    {
        RuleFor(day)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"חסרות שעות הפעילות ליום {hebrewName} (יום סגור הוא רשימה ריקה).")
            .Must(ranges => ranges.Count <= TenantSettingsRules.MaxRangesPerDay)
            .WithMessage($"ביום {hebrewName} אפשר להגדיר עד {TenantSettingsRules.MaxRangesPerDay} טווחי שעות.")
            .Must(ranges => TenantSettingsRules.RangesDoNotOverlap(ranges))
            .WithMessage($"טווחי השעות ביום {hebrewName} חופפים.");
        var eachRange = Expression.Lambda<Func<BusinessHours, IEnumerable<OpeningRange>>>(day.Body, day.Parameters);
        RuleForEach(eachRange).NotNull().WithMessage($"טווח שעות ריק ביום {hebrewName}.").SetValidator(new OpeningRangeValidator());
    }
}

public sealed class OpeningRangeValidator : AbstractValidator<OpeningRange>
{
    public OpeningRangeValidator()
    {
        RuleFor(x => x.Open)
            .Must(open => TenantSettingsRules.TryParseTime(open, closing: false, out _))
            .WithMessage("שעת הפתיחה חייבת להיות בפורמט HH:mm (00:00–23:59).");
        RuleFor(x => x.Close)
            .Must(close => TenantSettingsRules.TryParseTime(close, closing: true, out _))
            .WithMessage("שעת הסגירה חייבת להיות בפורמט HH:mm (00:01–24:00).")
            .Must((range, _) => TenantSettingsRules.IsValidRange(range))
            .When(range => TenantSettingsRules.TryParseTime(range.Open, closing: false, out _)
                           && TenantSettingsRules.TryParseTime(range.Close, closing: true, out _), ApplyConditionTo.CurrentValidator)
            .WithMessage("שעת הסגירה חייבת להיות אחרי שעת הפתיחה.");
    }
}

public sealed class LeadStatusDefinitionValidator : AbstractValidator<LeadStatusDefinition>
{
    public LeadStatusDefinitionValidator()
    {
        RuleFor(x => x.Key)
            .Must(TenantSettingsRules.IsValidLeadStatusKey)
            .WithMessage($"מפתח הסטטוס חייב להתחיל באות לטינית קטנה ולהכיל עד {TenantSettingsRules.MaxLeadStatusKeyLength} אותיות קטנות, ספרות, _ או -.");
        RuleFor(x => x.Label)
            .Must(TenantSettingsRules.IsValidLeadStatusLabel)
            .WithMessage($"שם הסטטוס חייב להכיל 1–{TenantSettingsRules.MaxLeadStatusLabelLength} תווים.");
        RuleFor(x => x.Color)
            .Must(TenantSettingsRules.IsValidColor)
            .WithMessage("הצבע חייב להיות בפורמט #RRGGBB.");
        RuleFor(x => x.IsLost)
            .Equal(false).When(x => x.IsWon)
            .WithMessage("סטטוס אינו יכול להיות גם עסקה שנסגרה וגם ליד לא רלוונטי.");
        RuleFor(x => x.IsDefault)
            .Equal(false).When(x => x.IsWon || x.IsLost)
            .WithMessage("סטטוס ברירת המחדל של ליד חדש אינו יכול להיות סטטוס סגירה.");
    }
}
