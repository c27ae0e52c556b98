import Link from "next/link";
import { Money } from "@/app/_components/money";
import { formatPercent, toRatio } from "@/lib/money";
import type { OverviewPage } from "@/lib/pages/overview";
import { NOT_ALLOWED_FILTER, toSpendHref, UNTAGGED_FILTER, type SpendView } from "@/lib/reports/view";
import styles from "./overview.module.css";

const KEYS = [
  { key: "department", label: "Department", hasList: true },
  { key: "project", label: "Project", hasList: false },
  { key: "environment", label: "Environment", hasList: true },
] as const;

/**
 * Untagged and not-allowed spend this month, per tag, each linking to where it comes from (service, account).
 * A department grant's figures for the department tag are not linked: its spend views cannot open the untagged
 * or not-allowed departments.
 */
export function TagHealthPanel({ overview }: { overview: OverviewPage }) {
  const { tagHealth: health, tagHealthView: base } = overview;
  const share = (amount: string) => formatPercent(toRatio(amount, health.total) ?? 0);
  const view = (key: string, token: string, by: SpendView["by"]): string =>
    toSpendHref({ ...base, by, filters: { [key]: token } });
  return (
    <section className="panel" aria-label="Untagged and not allowed">
      <div className="panel-head">
        <h2>Untagged and not allowed · this month</h2>
        <Link href="/tags">Fix on Tags →</Link>
      </div>
      <p className={`stat ${styles.headline}`}>
        <span className="value small" data-testid="untagged-share">
          {share(health.anyMissing)}
        </span>{" "}
        <span className="muted">
          misses a tag · {share(health.anyNotAllowed)} has a value outside the allowed lists
        </span>
      </p>
      <div className="table-scroll">
        <table className="data money">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th className="num" scope="col">
                No tag
              </th>
              <th className="num" scope="col">
                Not allowed
              </th>
            </tr>
          </thead>
          <tbody>
            {KEYS.map(({ key, label, hasList }) => {
              const k = health.keys[key];
              const isLinked = key !== "department" || overview.links.departmentTagHealth;
              return (
                <tr key={key}>
                  <td>{label}</td>
                  <td className="num">
                    {isLinked ? (
                      <Link href={view(key, UNTAGGED_FILTER, ["service"])}>
                        <Money amount={k.missing} />
                      </Link>
                    ) : (
                      <Money amount={k.missing} />
                    )}{" "}
                    <span className="muted">{share(k.missing)}</span>
                    {isLinked ? (
                      <span className={`row-link ${styles.breakdown}`}>
                        by <Link href={view(key, UNTAGGED_FILTER, ["service"])}>service</Link> ·{" "}
                        <Link href={view(key, UNTAGGED_FILTER, ["account"])}>account</Link>
                      </span>
                    ) : null}
                  </td>
                  <td className="num">
                    {hasList && overview.settings.allowed[key].length > 0 ? (
                      <>
                        {isLinked ? (
                          <Link href={view(key, NOT_ALLOWED_FILTER, [key])}>
                            <Money amount={k.notAllowed} />
                          </Link>
                        ) : (
                          <Money amount={k.notAllowed} />
                        )}{" "}
                        <span className="muted">{share(k.notAllowed)}</span>
                      </>
                    ) : (
                      <span className="muted" title="No allowed list: only presence is checked">
                        —
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
