import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "./_components/nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Costwise", template: "%s · Costwise" },
  description: "Where your AWS money goes, and what your Kubernetes teams can safely cut.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
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
      </body>
    </html>
  );
}
