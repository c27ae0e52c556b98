import type { ReactNode } from "react";
import { Nav } from "./nav";
import { NAV } from "./page-meta";

/**
 * The frame of every page: the sidebar with who is signed in (or that nobody needs to be) and the navigation to the
 * pages `visible` lists (the root layout works them out from the person's access), and the page itself. `alone`
 * (signed out: only /signin is reachable then) draws the page without the sidebar: a navigation to pages that
 * refuse is noise.
 */
export function Shell({
  children,
  account,
  alone = false,
  visible = NAV.map((page) => page.path),
  notice,
}: {
  children: ReactNode;
  account?: ReactNode;
  /** Above every page (stale data): shown whatever the page, before its heading. */
  notice?: ReactNode;
  alone?: boolean;
  visible?: string[];
}) {
  if (alone)
    return (
      <main id="main" className="alone">
        {children}
      </main>
    );
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
        {account}
        <Nav visible={visible} />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1}>
        {notice}
        {children}
      </main>
    </div>
  );
}
