/**
 * Who is making a request, as the sign-in told us: the email and the groups of the identity provider (OIDC
 * groups claim or the proxy's groups header). What they may see and change is derived from it by the role rules.
 * `local` is the operator on loopback with sign-in off; `cli` is the command line (it holds the database
 * credentials, so it has full access).
 */
export type Identity = {
  email: string;
  groups: string[];
  via: "oidc" | "proxy" | "local" | "cli";
};

export const LOCAL_IDENTITY: Identity = { email: "local", groups: [], via: "local" };
export const CLI_IDENTITY: Identity = { email: "cli", groups: [], via: "cli" };
