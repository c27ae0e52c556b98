import type { Metadata } from "next";
import Link from "next/link";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { formatAnnualShort } from "@/lib/savings/before-after";
import { getDeck } from "@/lib/slides/get-deck";
import { PageHeader } from "../_components/page-header";
import { DeckPicker } from "./_components/deck-picker";
import { DeckViewer } from "./_components/deck-viewer";
import { PrintButton } from "./_components/print-button";
import "./slides.css";

export const metadata: Metadata = { title: "Slides" };
export const dynamic = "force-dynamic";

export default async function SlidesPage() {
  const { deck, all, chosen } = await getDeck(await getDb(), getNow());
  const items = all.map((e) => ({
    id: e.initiative.id,
    name: e.initiative.name,
    saving: e.realized?.status === "measured" ? formatAnnualShort(e.realized.annualSaving) : "not measurable yet",
  }));
  return (
    <div className="deck-page">
      <div className="deck-screen-only">
        <PageHeader
          title="Slides"
          description={
            <>The all-hands deck, built from the data: {deck.slides.length} slides. ← → to move, F for full screen.</>
          }
          actions={
            <div className="deck-actions">
              <PrintButton />
              <a className="button" href="/api/export/slides" download>
                Download PowerPoint (.pptx)
              </a>
            </div>
          }
        />
      </div>
      <DeckViewer deck={deck} />
      <div className="deck-screen-only">
        <DeckPicker key={items.map((i) => i.id).join()} items={items} chosen={chosen} />
        <p className="muted">
          The same deck from the command line: <code className="mono">npm run -s export -- slides --out deck.pptx</code>
          . Initiatives are recorded on <Link href="/savings">Savings</Link>.
        </p>
      </div>
    </div>
  );
}
