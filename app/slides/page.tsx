import Link from "next/link";
import { readAs } from "@/app/_components/access";
import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata } from "@/app/_components/page-meta";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { formatAnnualShort } from "@/lib/savings/before-after";
import { getSlidesPage } from "@/lib/pages/slides";
import { DeckPicker } from "./_components/deck-picker";
import { SettingVersions } from "@/app/_components/setting-version";
import { DeckViewer } from "./_components/deck-viewer";
import { PrintButton } from "./_components/print-button";
import styles from "./_components/slides.module.css";

const META = PAGES.slides;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

export default async function SlidesPage() {
  const db = await getDb();
  const { deck, all, chosen, canEdit, versions } = await readAs(META.path, (access) =>
    getSlidesPage(db, access, getNow()),
  );
  const items = all.map((e) => ({
    id: e.initiative.id,
    name: e.initiative.name,
    saving: e.realized?.status === "measured" ? formatAnnualShort(e.realized.annualSaving) : "not measurable yet",
  }));
  return (
    <div className={styles.page}>
      <div className={styles.screenOnly}>
        <PageHeader
          title={META.title}
          description={`${META.description} ${deck.slides.length} slides; ← → to move, F for full screen.`}
          actions={
            <div className={styles.actions}>
              <PrintButton />
              <a className="button" href="/api/export/slides" download>
                Download PowerPoint (.pptx)
              </a>
            </div>
          }
        />
      </div>
      <DeckViewer deck={deck} />
      <div className={styles.screenOnly}>
        {canEdit ? (
          <SettingVersions versions={versions}>
            <DeckPicker key={items.map((i) => i.id).join()} items={items} chosen={chosen} />
          </SettingVersions>
        ) : null}
        <p className="muted">
          The same deck from the command line: <code className="mono">npm run -s export -- slides --out deck.pptx</code>
          . Initiatives are recorded on <Link href="/savings">Savings</Link>.
        </p>
      </div>
    </div>
  );
}
