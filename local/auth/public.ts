import type { AuthContext } from "./context";

/** GET /health (HealthCheck in internal/api/api.go). */
export function health() {
  return { version: "local", name: "GoTrue", description: "GoTrue is a user registration and authentication API" };
}

/** GET /.well-known/jwks.json: the public signing key (WellKnownJwks in internal/api/jwks.go). */
export function jwks(ctx: AuthContext) {
  return { keys: [ctx.key.publicJwk] };
}

const PROVIDERS = [
  "anonymous_users", "apple", "azure", "bitbucket", "discord", "facebook", "snapchat", "figma", "fly", "github",
  "gitlab", "google", "keycloak", "kakao", "linkedin", "linkedin_oidc", "notion", "spotify", "slack",
  "slack_oidc", "workos", "twitch", "twitter", "email", "phone", "zoom",
] as const;

/** GET /settings (internal/api/settings.go): email sign-up only. */
export function settings(ctx: AuthContext) {
  return {
    external: Object.fromEntries(PROVIDERS.map((p) => [p, p === "email"])),
    disable_signup: false,
    mailer_autoconfirm: ctx.mailerAutoconfirm,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    passkeys_enabled: false,
  };
}
