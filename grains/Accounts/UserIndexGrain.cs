using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Grains.Accounts;

/// <summary>A key (an email address, a provider login) and the one user holding it.</summary>
public abstract class UserIndexGrain(IPersistentState<UserIndexState> state) : Grain
{
    public async Task<bool> ClaimAsync(string userId)
    {
        var holder = state.State.UserId;
        if (holder == userId)
        {
            return true;
        }

        // A registration that failed half way leaves the key pointing at a user that never came to be.
        if (holder is not null && await GrainFactory.GetGrain<IUserGrain>(holder).ExistsAsync())
        {
            return false;
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(state.State.UserId);

    public async Task ReleaseAsync(string userId)
    {
        if (state.State.UserId == userId)
        {
            await state.ClearStateAsync();
            state.State = new UserIndexState();
        }
    }
}

/// <summary>What an index grain persists: the user holding its key.</summary>
[GenerateSerializer, Alias("ChatSphere.EmailIndexState")]
public sealed class UserIndexState
{
    [Id(0)] public string? UserId { get; set; }
}

/// <summary>One email address and the user holding it.</summary>
public sealed class EmailIndexGrain([PersistentState("email", GrainStorage.Name)] IPersistentState<UserIndexState> state)
    : UserIndexGrain(state), IEmailIndexGrain;

/// <summary>One provider login and the user it signs in.</summary>
public sealed class ExternalLoginIndexGrain([PersistentState("external-login", GrainStorage.Name)] IPersistentState<UserIndexState> state)
    : UserIndexGrain(state), IExternalLoginIndexGrain;
