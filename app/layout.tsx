import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getRequestAccess } from "@/lib/access/next";
import { canOpenPage } from "@/lib/access/policy";
import { getConfig } from "@/lib/config";
import { Account } from "./_components/account";
import { NAV } from "./_components/page-meta";
import { Shell } from "./_components/shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Costwise", template: "%s · Costwise" },
  description: "Where your AWS money goes, and what your Kubernetes teams can safely cut.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const mode = getConfig().auth.mode;
  // Reading the request's headers also renders every page per request, which the CSP nonce needs (proxy.ts).
  const { identity, grants } = await getRequestAccess();
  // The navigation lists only what this person can open; the others would only answer "no access".
  const visible = NAV.map((page) => page.path).filter((path) => canOpenPage(grants, path));
  return (
    <html lang="en">
      <body>
        <Shell
          alone={mode === "oidc" && !identity}
          visible={visible}
          account={<Account mode={mode} email={mode === "none" ? undefined : identity?.email} />}
        >
          {children}
        </Shell>
      </body>
    </html>
  );
}
