using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer tokens checked for issuer, audience, lifetime and signature, signed either by
    /// the configured OpenID Connect authority or by the shared key. Refuses to start without one.
    /// </summary>
    public static IServiceCollection AddArchiveAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.DevTokens)
        {
            RefuseDevTokensOutsideADevelopersMachine(environment, configuration["Topology"]);
        }
        var keys = SigningKeys.From(options);
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddSingleton<DevTokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            // Why a token was refused (expired at ..., signature key not found, ...) helps a developer
            // and an attacker alike: WWW-Authenticate says it only on a developer's machine.
            jwt.IncludeErrorDetails = environment.IsDevelopment();
            jwt.Events = new JwtBearerEvents { OnTokenValidated = TokenRules.RefuseUnknownCriticalHeaders };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            }
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKeys = keys.VerificationKeys,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidAlgorithms = string.IsNullOrWhiteSpace(options.Authority) ? [SecurityAlgorithms.HmacSha256] : null,
                ClockSkew = TokenRules.ClockSkew,
                NameClaimType = ActorClaims.Subject,
                RoleClaimType = ActorClaims.Role,
            };
        });
        // The lifetime cap reads the archive's clock, which comes from the service provider.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, clock) =>
            jwt.TokenValidationParameters.LifetimeValidator = TokenRules.LifetimeValidator(options.MaxTokenLifetime, clock));
        services.AddAuthorizationBuilder().AddArchivePolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// Dev tokens let anyone be anyone: only ever on a developer's single-machine archive, turned on
    /// by name (the Development profile in Properties/launchSettings.json sets both), never by a default.
    /// </summary>
    private static void RefuseDevTokensOutsideADevelopersMachine(IHostEnvironment environment, string? topology)
    {
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Auth:DevTokens is true but the environment is {environment.EnvironmentName}: POST /dev/token lets anyone be anyone, " +
                "so it runs only with ASPNETCORE_ENVIRONMENT=Development (e.g. `dotnet run --project src/Api`, whose launch profile sets both). " +
                "In any other environment remove Auth:DevTokens and configure Auth:Authority or Auth:SigningKey.");
        }
        if (topology is not null && topology != "Embedded")
        {
            throw new InvalidOperationException($"Auth:DevTokens must be false with Topology={topology}; it is for the embedded default only.");
        }
    }
}
