// A real OpenID provider on loopback for the sign-in tests: oidc-provider (a certified OpenID Provider) with its
// built-in login form, which signs in any known login (the password is not checked). Consent is granted up
// front for the test client, as a company's provider does for an app its admins assigned.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type TestAccount = { email: string; groups: string[]; emailVerified?: boolean };

export const TEST_CLIENT = { id: "costwise-test", secret: "costwise-test-secret-not-for-production" };

/** The people of the end-to-end journeys: finance, a team, a department, an admin and someone with no role. */
export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  fiona: { email: "fiona@example.com", groups: ["finance"] },
  pat: { email: "pat@example.com", groups: ["team-payments"] },
  // growth: a department of the demo company (emulators/demo), so the journeys see its spend.
  dana: { email: "dana@example.com", groups: ["dept-growth"] },
  ada: { email: "ada@example.com", groups: ["costwise-admins", "finance"] },
  nobody: { email: "nobody@example.com", groups: [] },
  unverified: { email: "mallory@example.com", groups: ["costwise-admins"], emailVerified: false },
};

export type TestProvider = { issuer: string; close(): Promise<void> };

export async function startTestOidcProvider(opts: {
  /** Where Costwise runs, e.g. http://127.0.0.1:3222: the redirect URI is registered under it. */
  appUrl: string;
  accounts?: Record<string, TestAccount>;
  /** true: email and groups in the ID token; false (the default): only from userinfo, as many providers do. */
  claimsInIdToken?: boolean;
  /** false: no end_session_endpoint in discovery (as Google), so sign-out can only be local. Default true. */
  endSession?: boolean;
  port?: number;
}): Promise<TestProvider> {
  const accounts = opts.accounts ?? TEST_ACCOUNTS;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${opts.appUrl}/api/auth/callback/oidc`],
        // RP-initiated logout sends the browser back here after ending the provider's session.
        post_logout_redirect_uris: [`${opts.appUrl}/signin`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    scopes: ["openid", "email", "profile", "groups"],
    conformIdTokenClaims: !opts.claimsInIdToken,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: opts.endSession ?? true } },
    cookies: { keys: ["test-provider-cookie-key-not-secret"] },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const account = accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: sub,
            groups: account.groups,
          };
        },
      };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid email profile groups");
      grant.addOIDCClaims(["email", "email_verified", "name", "groups"]);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
