import type { Metadata } from "next";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { safeNextPath } from "@/lib/access/next-path";
import { parseSearchParams } from "@/lib/search-params";
import styles from "./signin.module.css";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** What went wrong, for the person: what happened and what to do. The details are in the audit log. */
const PROBLEMS: Record<string, string> = {
  expired: "The sign-in took too long or was started in another tab. Please try again.",
  denied: "The sign-in was cancelled at your identity provider.",
  provider:
    "Your identity provider's answer could not be verified. Please try again; if it keeps failing, ask your Costwise admin to check the audit log.",
  unavailable: "Your identity provider did not answer. Please try again in a minute.",
  "no-email":
    "Your identity provider did not send a verified email address, which Costwise needs to know who you are. Ask your Costwise admin.",
  "too-large":
    "Your account has too many groups to fit in a session. Ask your Costwise admin to send only the groups assigned to Costwise.",
};

const schema = z.object({
  next: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  "signed-out": z.string().optional().catch(undefined),
  // The identity provider's redirect after it ended its session too (RP-initiated logout) carries our state.
  state: z.string().optional().catch(undefined),
});

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseSearchParams(schema, await searchParams);
  const params = parsed.ok ? parsed.value : {};
  const auth = getConfig().auth;
  const provider = auth.oidc ? new URL(auth.oidc.issuer).host : undefined;
  const problem = params.error ? (PROBLEMS[params.error] ?? PROBLEMS.provider) : undefined;
  return (
    <div className={styles.card}>
      <div className={styles.brand}>
        <span className={styles.mark} aria-hidden /> Costwise
      </div>
      <h1>Sign in</h1>
      <p className={styles.lead}>Where your AWS money goes, and what your Kubernetes teams can safely cut.</p>
      {problem ? (
        <p className={styles.error} role="alert">
          {problem}
        </p>
      ) : null}
      {params["signed-out"] || params.state === "signed-out" ? (
        <p className={styles.info} role="status">
          You are signed out of Costwise.
        </p>
      ) : null}
      {auth.mode === "oidc" ? (
        <>
          <a
            className={`button ${styles.signIn}`}
            href={`/api/auth/signin/oidc?next=${encodeURIComponent(safeNextPath(params.next))}`}
          >
            Sign in with your company account
          </a>
          <p className={styles.fine}>
            You sign in at {provider}, your company&apos;s identity provider. Costwise keeps you signed in for{" "}
            {formatHours(auth.sessionHours)} on this browser.
          </p>
        </>
      ) : (
        <p className={styles.fine}>
          Sign-in is off on this server (
          {auth.mode === "none" ? "local use, no sign-in" : "signed in by the proxy in front"}).{" "}
          <a href="/">Go to the overview</a>.
        </p>
      )}
    </div>
  );
}

function formatHours(hours: number): string {
  if (hours >= 1) return `${Number(hours.toFixed(1))} hour${hours === 1 ? "" : "s"}`;
  const minutes = Math.max(1, Math.round(hours * 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
