using Microsoft.AspNetCore.Components.Authorization;

namespace BranchArchive.WebApp.SignIn;

/// <summary>The signed-in user of this page or circuit (one per scope), read from the authentication state.</summary>
public sealed class StaffSession(AuthenticationStateProvider authentication)
{
    public async Task<StaffUser> UserAsync() =>
        StaffUser.From((await authentication.GetAuthenticationStateAsync()).User);
}
