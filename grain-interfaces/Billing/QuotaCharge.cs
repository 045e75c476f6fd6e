namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>An amount of one quota to take (or give back).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.QuotaCharge")]
public sealed record QuotaCharge([property: Id(0)] QuotaKind Kind, [property: Id(1)] long Amount);
