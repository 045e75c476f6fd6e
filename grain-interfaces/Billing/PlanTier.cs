namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>The plans a workspace can be on (lower-case on the wire). <see cref="Unlimited"/> is for self-hosted
/// single-tenant installs: no quotas and no tier rate limits.</summary>
public enum PlanTier : byte
{
    Free = 1,
    Pro = 2,
    Business = 3,
    Unlimited = 4,
}
