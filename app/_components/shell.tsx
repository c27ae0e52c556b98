import type { ReactNode } from "react";
import { Nav } from "./nav";
import { NAV } from "./page-meta";

/** Who the sidebar says is here: nobody needs to sign in (local), a signed-in person, or nobody yet. */
export type ShellWho = { kind: "local" } | { kind: "person"; email: string; groups: string[] } | null;

/**
 * The frame of every page: the sidebar with who is signed in (or that nobody needs to be), the navigation to the
 * pages `visible` lists (the root layout works them out from the person's access), and the page itself.
 */
export function Shell({
  children,
  who = null,
  visible = NAV.map((page) => page.path),
}: {
  children: ReactNode;
  who?: ShellWho;
  visible?: string[];
}) {
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
        {who?.kind === "local" ? (
          <p
            className="who local"
            title="COSTWISE_AUTH=none: everyone who can reach this machine's loopback is an admin"
          >
            Local, no sign-in
          </p>
        ) : who?.kind === "person" ? (
          <p className="who" title={who.groups.length ? `Groups: ${who.groups.join(", ")}` : undefined}>
            {who.email}
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
