using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Grains.Accounts;

/// <summary>One email address and the user holding it.</summary>
public sealed class EmailIndexGrain(
    [PersistentState("email", "chat")] IPersistentState<EmailIndexState> state) : Grain, IEmailIndexGrain
{
    public async Task<bool> ClaimAsync(string userId)
    {
        var holder = state.State.UserId;
        if (holder == userId)
        {
            return true;
        }

        // A registration that failed half way leaves the address pointing at a user that never came to be.
        if (holder is not null && await GrainFactory.GetGrain<IUserGrain>(holder).ExistsAsync())
        {
            return false;
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(state.State.UserId);
}

[GenerateSerializer, Alias("ChatSphere.EmailIndexState")]
public sealed class EmailIndexState
{
    [Id(0)] public string? UserId { get; set; }
}
