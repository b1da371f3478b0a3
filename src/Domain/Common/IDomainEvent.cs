namespace ProSaaS.Domain.Common;

/// <summary>A fact that happened to an aggregate. Named in the past tense, immutable, serialisable.</summary>
public interface IDomainEvent;
