import styles from "./account.module.css";

/**
 * Who is signed in, at the top of every page, with the way out. Without sign-in (loopback only) it says so,
 * so nobody mistakes a local copy for the company's.
 */
export function Account({ mode, email }: { mode: "oidc" | "proxy" | "none"; email: string | undefined }) {
  if (mode === "none")
    return (
      <div className={styles.local} data-testid="account">
        <div className={styles.who}>Local, no sign-in</div>
        <div className={styles.how}>Everyone on this machine is an admin</div>
      </div>
    );
  if (!email) return null;
  return (
    <div className={styles.account} data-testid="account">
      <div className={styles.how}>Signed in as</div>
      <div className={styles.who} title={email}>
        {email}
      </div>
      {mode === "oidc" ? (
        <form method="post" action="/api/auth/signout">
          <button type="submit" className={styles.signOut}>
            Sign out
          </button>
        </form>
      ) : null}
    </div>
  );
}
