import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE, readSessionIdentity } from "@/lib/access/session";
import { Account } from "./account";
import { Nav } from "./nav";

/**
 * The frame of every page: the sidebar with who is signed in and the navigation, and the page itself. Signed
 * out (only /signin is reachable then), the page stands alone: a navigation to pages that refuse is noise.
 */
export async function Shell({ children }: { children: ReactNode }) {
  const auth = getConfig().auth;
  const identity =
    auth.mode === "oidc"
      ? await readSessionIdentity((await cookies()).get(SESSION_COOKIE)?.value, auth.sessionSecrets, new Date())
      : null;
  if (auth.mode === "oidc" && !identity) return <main className="alone">{children}</main>;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> Costwise
        </div>
        <Account mode={auth.mode} email={identity?.email} />
        <Nav />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      <main>{children}</main>
    </div>
  );
}
