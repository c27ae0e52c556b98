import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { getRequestAccess } from "@/lib/access/next";
import { canOpenPage } from "@/lib/access/policy";
import { Nav } from "./nav";
import { NAV } from "./page-meta";

/** The frame of every page: the sidebar with who is signed in (or that nobody needs to be), the navigation, the page. */
export async function Shell({ children }: { children: ReactNode }) {
  const mode = getConfig().auth.mode;
  const { identity, grants } = await getRequestAccess();
  const visible = NAV.map((page) => page.path).filter((path) => canOpenPage(grants, path));
  return (
    <div className="shell">
      {/* The first Tab stop: past the navigation, straight to the page. */}
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> Costwise
        </div>
        {mode === "none" ? (
          <p
            className="who local"
            title="COSTWISE_AUTH=none: everyone who can reach this machine's loopback is an admin"
          >
            Local, no sign-in
          </p>
        ) : identity ? (
          <p className="who" title={identity.groups.length ? `Groups: ${identity.groups.join(", ")}` : undefined}>
            {identity.email}
          </p>
        ) : null}
        <Nav visible={visible} />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
