import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getRequestAccess } from "@/lib/access/next";
import { canOpenPage } from "@/lib/access/policy";
import { getConfig } from "@/lib/config";
import { Account } from "./_components/account";
import { NAV } from "./_components/page-meta";
import { Shell } from "./_components/shell";
import { StaleNotice } from "./_components/stale-notice";
import { getDb } from "@/lib/db/client";
import { getSourceFreshness } from "@/lib/jobs/freshness";
import type { SourceFreshness } from "@/lib/sync/runs";
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
  const signedOut = mode === "oidc" && !identity;
  const freshness = signedOut ? [] : await readFreshness();
  return (
    <html lang="en">
      <body>
        <Shell
          alone={signedOut}
          visible={visible}
          account={<Account mode={mode} email={mode === "none" ? undefined : identity?.email} />}
          notice={
            <StaleNotice
              sources={freshness}
              staleAfterDays={getConfig().sync.staleAfterDays}
              canOpenSync={canOpenPage(grants, "/sync")}
            />
          }
        >
          {children}
        </Shell>
      </body>
    </html>
  );
}

/** Best effort: with the database down the page shows its own error; the frame must still draw. */
async function readFreshness(): Promise<SourceFreshness[]> {
  try {
    return await getSourceFreshness(await getDb(), getConfig());
  } catch {
    return [];
  }
}
