import Link from "next/link";
import { PageHeader } from "./_components/page-header";
import { PAGES, toMetadata } from "./_components/page-meta";
import { canRead, hasAnyGrant, listAdminContacts } from "@/lib/access/access";
import { getRequestAccess } from "@/lib/access/next";
import { getConfig } from "@/lib/config";
import styles from "./_components/access.module.css";

export const metadata = toMetadata(PAGES.forbidden);

/**
 * A signed-in person the role rules do not grant this page (answered with a 403): who they are signed in as,
 * the groups the provider sent (what the rules match on), what they can open, and whom to ask. Never data.
 */
export default async function Forbidden() {
  const { identity, grants } = await getRequestAccess();
  const contacts = listAdminContacts(getConfig().auth.roles.rules);
  const links = [
    ...(canRead(grants) ? [{ href: "/", label: "Overview" }] : []),
    ...(!canRead(grants) && grants.departments.length > 0
      ? [{ href: "/spend", label: `Spend of ${grants.departments.join(", ")}` }]
      : []),
    ...(canRead(grants)
      ? []
      : grants.teams.map((team) => ({
          href: `/rightsizing/${encodeURIComponent(team)}`,
          label: `Rightsizing of team ${team}`,
        }))),
  ];
  return (
    <>
      <PageHeader
        title={hasAnyGrant(grants) ? PAGES.forbidden.title : "No access to Costwise"}
        description={
          hasAnyGrant(grants)
            ? PAGES.forbidden.description
            : "You are signed in, but no role rule gives you access to Costwise yet."
        }
      />
      <section className="panel" aria-label="Who you are signed in as">
        <dl className={styles.who}>
          <dt>Signed in as</dt>
          <dd className="mono">{identity?.email ?? "nobody"}</dd>
          <dt>Groups</dt>
          <dd>
            {identity && identity.groups.length > 0 ? (
              <ul className={styles.groups}>
                {identity.groups.map((g) => (
                  <li key={g} className="mono">
                    {g}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None sent by the sign-in</span>
            )}
          </dd>
        </dl>
      </section>
      {links.length > 0 ? (
        <section className="panel" aria-label="What you can open">
          <h2>What you can open</h2>
          <ul>
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-label="Whom to ask">
        <h2>Whom to ask</h2>
        {contacts.length > 0 ? (
          <>
            <p>An admin of Costwise can give you a role:</p>
            <ul>
              {contacts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>Ask whoever runs Costwise for your company.</p>
        )}
        <p className="muted">
          Roles are given by group, email or domain (the COSTWISE_ROLES rules); send them your email and groups above.
        </p>
      </section>
    </>
  );
}
