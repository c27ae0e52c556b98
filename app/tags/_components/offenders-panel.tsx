import Link from "next/link";
import { readAs } from "@/app/_components/access";
import type { Db } from "@/lib/db/types";
import { getTagsOffenders } from "@/lib/pages/tags";
import { formatUsd } from "@/lib/money";
import type { Offender } from "@/lib/tags/offenders";
import type { TagSettings } from "@/lib/settings/tags";
import { toTagsHref, type TagsQuery } from "@/lib/tags/tags-query";
import { OffenderFix } from "./offender-fix";
import { toSpendLink } from "./spend-links";
import styles from "./tags.module.css";

const SHOWN = 3;

/** Each missing tag and each value not allowed: spend, where it comes from, and a one-click fix for reports. */
export async function OffendersPanel({ db, query, settings }: { db: Db; query: TagsQuery; settings: TagSettings }) {
  // No data in the range: the overview says so; an empty offenders table would read as "all tagged".
  const found = await readAs("/tags", (access) => getTagsOffenders(db, access, query, settings));
  if (!found) return null;
  const { offenders, departments, canEdit } = found;
  return (
    <section className="panel" aria-label="Offenders">
      <div className={styles.panelHead}>
        <h2>Offenders</h2>
        <span>
          <a className={`button secondary ${styles.small}`} href={toTagsHref(query, "/api/export/tags")} download>
            Download CSV
          </a>{" "}
          <a className={styles.linkButton} href={`${toTagsHref(query, "/api/export/tags")}&format=json`} download>
            JSON
          </a>
        </span>
      </div>
      {offenders.length === 0 ? (
        <p className="muted">Every dollar in this range carries all three tags with allowed values. Nothing to fix.</p>
      ) : (
        <div className={styles.scroll}>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>Tag</th>
                  <th>Value</th>
                  <th className="num">Spend</th>
                  <th>Services</th>
                  <th>Linked accounts</th>
                  <th>Fix in reports</th>
                </tr>
              </thead>
              <tbody>
                {offenders.map((o) => (
                  <tr key={`${o.key}:${o.value ?? ""}`}>
                    <td className="mono">{o.key}</td>
                    <td>
                      <ValueCell offender={o} />
                    </td>
                    <td className="num">
                      {formatUsd(o.spend)}
                      <Link
                        className={`${styles.note} ${styles.nowrap}`}
                        href={toSpendLink(query, "service", { key: o.key, value: o.aliasOf ?? o.value })}
                      >
                        open in Spend →
                      </Link>
                    </td>
                    <td>
                      <Breakdown
                        items={o.services?.map((s) => ({ label: s.service, spend: s.spend }))}
                        unsplit={departments !== null && o.key !== "department"}
                      />
                    </td>
                    <td>
                      <Breakdown
                        items={o.accounts?.map((a) => ({
                          label: a.name ?? a.accountId,
                          spend: a.spend,
                          title: a.accountId,
                        }))}
                        unsplit={departments !== null && o.key !== "department"}
                      />
                    </td>
                    <td>
                      {o.problem === "missing" ? (
                        <span className={styles.note}>Tag the resources at the source</span>
                      ) : o.key === "project" ? null : !canEdit ? (
                        o.aliasOf !== null ? (
                          <span className={styles.note}>Reported as {o.aliasOf}</span>
                        ) : null
                      ) : (
                        <OffenderFix
                          tagKey={o.key}
                          value={o.value ?? ""}
                          aliasOf={o.aliasOf}
                          suggestion={o.suggestion}
                          allowed={settings.allowed[o.key]}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <p className={styles.caption}>
        Each tag on its own, largest first: a cost row missing two tags is listed under both. An alias groups the spend
        correctly in every report; compliance still counts it as not allowed until the resources carry the allowed
        value.
      </p>
    </section>
  );
}

function ValueCell({ offender }: { offender: Offender }) {
  if (offender.problem === "missing") return <span className="badge bad">(untagged)</span>;
  const hasSpaces = offender.value !== null && offender.value !== offender.value.trim();
  return (
    <>
      <span className={styles.nowrap}>
        <span className={styles.value}>{offender.value}</span> <span className="badge warn">not allowed</span>
      </span>
      {hasSpaces ? <span className={styles.note}>has spaces around it</span> : null}
    </>
  );
}

function Breakdown({
  items,
  unsplit,
}: {
  items: { label: string; spend: string; title?: string }[] | undefined;
  /** Scoped to departments, and Cost Explorer has no split of this tag by department and service or account. */
  unsplit: boolean;
}) {
  if (items === undefined && unsplit)
    return (
      <span className="muted" title="Cost Explorer cannot split this by department: shown to company-wide readers only">
        not per department
      </span>
    );
  if (items === undefined)
    return (
      <span className="muted" title="This breakdown was not synced for the range">
        not synced
      </span>
    );
  const rest = items.slice(SHOWN);
  return (
    <ul className={styles.stack}>
      {items.slice(0, SHOWN).map((i) => (
        <li key={i.label} title={i.title}>
          {i.label} <span className="muted">{formatUsd(i.spend)}</span>
        </li>
      ))}
      {rest.length > 0 ? (
        <li className="muted" title={rest.map((i) => `${i.label}: ${formatUsd(i.spend)}`).join("\n")}>
          +{rest.length} more
        </li>
      ) : null}
    </ul>
  );
}
