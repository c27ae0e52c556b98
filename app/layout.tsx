import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getRequestAccess } from "@/lib/access/next";
import { canOpenPage } from "@/lib/access/policy";
import { getConfig } from "@/lib/config";
import { NAV } from "./_components/page-meta";
import { Shell, type ShellWho } from "./_components/shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Costwise", template: "%s · Costwise" },
  description: "Where your AWS money goes, and what your Kubernetes teams can safely cut.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { identity, grants } = await getRequestAccess();
  const who: ShellWho =
    getConfig().auth.mode === "none"
      ? { kind: "local" }
      : identity
        ? { kind: "person", email: identity.email, groups: identity.groups }
        : null;
  // The navigation lists only what this person can open; the others would only answer "no access".
  const visible = NAV.map((page) => page.path).filter((path) => canOpenPage(grants, path));
  return (
    <html lang="en">
      <body>
        <Shell who={who} visible={visible}>
          {children}
        </Shell>
      </body>
    </html>
  );
}
