import type { ReactNode } from "react";
import { Nav } from "./nav";

/** The frame of every page: the sidebar with the navigation, and the page itself. */
export function Shell({ children }: { children: ReactNode }) {
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
        <Nav />
        <div className="nav-foot">AWS spend · Kubernetes rightsizing</div>
      </aside>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
