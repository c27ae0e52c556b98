import type { ReactNode } from "react";
import { Nav } from "./nav";

/** The frame of every page: the sidebar with the navigation, and the page itself. */
export function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> Costwise
        </div>
        <Nav />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      <main>{children}</main>
    </div>
  );
}
