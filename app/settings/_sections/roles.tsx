import type { SettingsPage } from "@/lib/pages/settings";
import styles from "./settings.module.css";

const MODES: Record<SettingsPage["access"]["mode"], string> = {
  none: "None: everyone who can reach this machine's loopback address is an admin (COSTWISE_AUTH=none).",
  proxy: "A sign-in proxy in front names each person (COSTWISE_AUTH=proxy).",
  oidc: "Single sign-on with the company's identity provider (COSTWISE_AUTH=oidc).",
};

/** Read-only, for admins: the sign-in mode and the role rules in force (set in the environment). */
export function RolesSection({ access }: { access: SettingsPage["access"] }) {
  return (
    <section className="panel" aria-label="Sign-in and roles">
      <h2>Sign-in and roles</h2>
      <p>{MODES[access.mode]}</p>
      <p className="muted">
        Rules from {access.source}; restart to change. A person gets the union of every rule that matches; nobody
        matched sees a &ldquo;no access&rdquo; page.
      </p>
      {access.rules.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th className="num">Line</th>
              <th>Who</th>
              <th>Grant</th>
              <th>What it gives</th>
            </tr>
          </thead>
          <tbody>
            {access.rules.map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <td className="num">{r.line}</td>
                <td className="mono">{r.subject}</td>
                <td className="mono">{r.grant}</td>
                <td>{r.gives}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={styles.footnote}>
          No rules
          {access.mode === "none" ? " (none are needed without sign-in)" : ": nobody signed in can see anything"}. Set
          COSTWISE_ROLES or COSTWISE_ROLES_FILE, e.g.{" "}
          <code className="mono">group:finance = finance; domain:example.com = viewer</code>.
        </p>
      )}
    </section>
  );
}
