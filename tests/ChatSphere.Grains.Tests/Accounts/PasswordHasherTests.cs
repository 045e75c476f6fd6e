using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.Grains.Accounts;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Accounts;

public sealed class PasswordHasherTests
{
    [Fact]
    public async Task Production_parameters_make_an_argon2id_hash_that_verifies_only_the_right_password()
    {
        var hasher = new PasswordHasher(Options.Create(new AccountOptions()));
        var hash = await hasher.HashAsync("correct horse battery");

        Assert.StartsWith("$argon2id$v=19$m=65536,t=3,p=1$", hash);
        Assert.True(await hasher.VerifyAsync(hash, "correct horse battery"));
        Assert.False(await hasher.VerifyAsync(hash, "correct horse batterY"));
        Assert.NotEqual(hash, await hasher.HashAsync("correct horse battery"));
    }

    [Fact]
    public async Task A_hash_made_with_other_parameters_still_verifies()
    {
        var light = new PasswordHasher(Options.Create(new AccountOptions { Argon2 = new Argon2Options { MemoryKiB = 1024, Iterations = 1 } }));
        var hash = await light.HashAsync("an older password");
        var current = new PasswordHasher(Options.Create(new AccountOptions { Argon2 = new Argon2Options { MemoryKiB = 2048, Iterations = 2 } }));
        Assert.True(await current.VerifyAsync(hash, "an older password"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaa")]
    public void Weak_passwords_are_refused(string password) =>
        Assert.Throws<GrainInterfaces.Errors.ValidationFailedException>(() => PasswordHasher.Validate(password));
}
