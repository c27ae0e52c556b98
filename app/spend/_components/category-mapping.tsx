import Link from "next/link";
import type { ReactNode } from "react";
import { Swatch } from "@/app/_components/swatch";
import { UNTAGGED_LABEL } from "@/lib/labels";
import { CATEGORY_COLORS } from "@/lib/reports/colors";
import { CATEGORY_LABELS } from "@/lib/reports/group-keys";
import { listEnvironmentCategories } from "@/lib/tags/classify";
import type { EnvironmentCategory, TagSettings } from "@/lib/settings/tags";

function Category({ category }: { category: EnvironmentCategory }) {
  return (
    <span className="row-label">
      <Swatch color={CATEGORY_COLORS[category]} />
      {CATEGORY_LABELS[category]}
    </span>
  );
}

/** The mapping the split is read with, as set on /settings today: a reader sees why a dollar counts where it does. */
export function CategoryMapping({ settings }: { settings: TagSettings }) {
  const categories = listEnvironmentCategories(settings);
  const categoryOf = new Map(categories.map((c) => [c.environment, c.category]));
  return (
    <section className="panel" aria-label="Mapping">
      <div className="panel-head">
        <h2>How environments map to customer-serving and R&amp;D</h2>
        <Link href="/settings">Change on Settings</Link>
      </div>
      <div className="mapping">
        {categories.map((c) => (
          <MappingRow key={c.environment} from={<code>{c.environment}</code>} to={<Category category={c.category} />} />
        ))}
        {settings.aliases.environment.map((a) => (
          <MappingRow
            key={`alias-${a.raw}`}
            from={
              <span>
                <code>“{a.raw}”</code> <span className="muted">(alias of {a.value})</span>
              </span>
            }
            to={<Category category={categoryOf.get(a.value) ?? "rnd"} />}
          />
        ))}
        <MappingRow
          from={<span className="muted">{UNTAGGED_LABEL} — no environment tag</span>}
          to={<Category category={settings.untaggedEnvironmentCategory} />}
        />
        <MappingRow
          from={<span className="muted">Any other value (not allowed)</span>}
          to={<Category category="rnd" />}
        />
      </div>
      <p className="note">Applied when the report is read: a change on Settings shows here at once, without a sync.</p>
    </section>
  );
}

function MappingRow({ from, to }: { from: ReactNode; to: ReactNode }) {
  return (
    <>
      <div>{from}</div>
      <div className="muted" aria-hidden>
        →
      </div>
      <div>{to}</div>
    </>
  );
}
