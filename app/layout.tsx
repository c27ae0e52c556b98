import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE, readSessionIdentity } from "@/lib/access/session";
import { Account } from "./_components/account";
import { Shell } from "./_components/shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Costwise", template: "%s · Costwise" },
  description: "Where your AWS money goes, and what your Kubernetes teams can safely cut.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const auth = getConfig().auth;
  // Reading the cookies also renders every page per request, which the CSP nonce needs (proxy.ts).
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const identity = auth.mode === "oidc" ? await readSessionIdentity(session, auth.sessionSecrets, new Date()) : null;
  return (
    <html lang="en">
      <body>
        <Shell alone={auth.mode === "oidc" && !identity} account={<Account mode={auth.mode} email={identity?.email} />}>
          {children}
        </Shell>
      </body>
    </html>
  );
}
