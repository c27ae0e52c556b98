import type { ReactNode } from "react";
import { Nav } from "./nav";

/**
 * The frame of every page: the sidebar with who is signed in and the navigation, and the page itself. `alone`
 * (signed out: only /signin is reachable then) draws the page without the sidebar: a navigation to pages that
 * refuse is noise.
 */
export function Shell({ children, account, alone }: { children: ReactNode; account?: ReactNode; alone?: boolean }) {
  if (alone) return <main className="alone">{children}</main>;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> Costwise
        </div>
        {account}
        <Nav />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      <main>{children}</main>
    </div>
  );
}
