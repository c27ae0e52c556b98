import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { insertContainers } from "@/testing/rightsizing-seed";
import { TEST_PRICING_SETTINGS, TEST_TEAMS } from "@/testing/rightsizing-teams";
import { parseInitiativeInput } from "@/lib/savings/initiative";
import { createInitiative } from "@/lib/savings/initiatives-store";
import { LEDGER_NOW, S3, seedLedgerSpend } from "@/testing/savings-seed";
import { saveRightsizingSettings } from "@/lib/settings/store";
import { FIXED_SLIDE_COUNT } from "./build-deck";
import { saveDeckChoice } from "./deck-choice";
import { getDeck } from "./get-deck";
import { toPptx } from "./pptx";

type Package = { zip: JSZip; names: string[]; text(name: string): Promise<string> };

async function openPackage(bytes: Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    zip,
    names: Object.keys(zip.files),
    text: (name) => zip.file(name)?.async("string") ?? Promise.reject(new Error(`no part ${name}`)),
  };
}

/** Every series of a DrawingML chart part: its name and cached values, in order. */
function readSeries(chartXml: string): { name: string; values: number[] }[] {
  return [...chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser = ""]) => ({
    name: /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? "",
    values: [
      ...(/<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? "").matchAll(/<c:pt idx="\d+">\s*<c:v>([^<]*)<\/c:v>/g),
    ].map((m) => Number(m[1])),
  }));
}

/** The visible text of a slide part. */
const slideText = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(" ");

const input = (raw: Record<string, unknown>) => {
  const parsed = parseInitiativeInput(raw, LEDGER_NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

describe.each(testDatabases())("the .pptx deck on $name", ({ create }) => {
  let db: TestDb;
  let ids: number[] = [];
  beforeAll(async () => {
    db = await create();
    await seedLedgerSpend(db);
    await saveRightsizingSettings(db, TEST_PRICING_SETTINGS);
    await insertContainers(db.sql, TEST_TEAMS);
    const load = await createInitiative(
      db,
      input({
        name: "Load test shut down",
        description: "Torn down after each release test",
        changeDate: "2026-06-01",
        scope: { filters: { project: "load-test" } },
      }),
      LEDGER_NOW,
    );
    const rec = await createInitiative(
      db,
      input({
        name: "Recordings to Glacier IR",
        changeDate: "2026-06-10",
        scope: { filters: { project: "recordings", service: S3 } },
      }),
      LEDGER_NOW,
    );
    ids = [load.id, rec.id];
  });
  afterAll(() => db.drop());

  it("is a valid package: slides, native charts with their workbooks, the real series, titles and totals", async () => {
    const { deck } = await getDeck(db, LEDGER_NOW);
    const pkg = await openPackage(await toPptx(deck));
    expect(pkg.names[0]).toBe("[Content_Types].xml");
    const slides = pkg.names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(FIXED_SLIDE_COUNT + 2);
    const types = await pkg.text("[Content_Types].xml");
    for (const n of slides) expect(types).toContain(`/${n}`);
    const charts = pkg.names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const c of charts) {
      expect(await pkg.text(c)).toContain("<c:barChart>");
      const workbook = (await pkg.text(c.replace("charts/", "charts/_rels/") + ".rels")).match(
        /embeddings\/(Microsoft_Excel_Worksheet\d+\.xlsx)/,
      )?.[1];
      expect(pkg.names).toContain(`ppt/embeddings/${workbook}`);
    }
    // Slide 5 is the first initiative: its chart holds the months as the ledger counted them (Mar–May 3000, June 999, Jul–Oct 0).
    const slide5 = await pkg.text("ppt/slides/slide5.xml");
    expect(slideText(slide5)).toContain("Load test shut down");
    expect(slideText(slide5)).toContain("$36k a year");
    expect(slideText(slide5)).toContain("Torn down after each release test");
    const chartOf5 = (await pkg.text("ppt/slides/_rels/slide5.xml.rels")).match(/charts\/(chart\d+\.xml)/)?.[1];
    const series = readSeries(await pkg.text(`ppt/charts/${chartOf5}`));
    expect(series.map((s) => s.name)).toEqual([
      "Before (counted)",
      "Month of the change (left out): Jun 1, 2026",
      "After (counted)",
      "Not counted",
    ]);
    expect(series[0]?.values).toEqual([3000, 3000, 3000, 0, 0, 0, 0, 0]);
    expect(series[1]?.values).toEqual([0, 0, 0, 999, 0, 0, 0, 0]);
    // The total slide: (3000 − 0) × 12 + (1000 − 300) × 12 = 44,400 a year → "$44.4k".
    const total = slideText(await pkg.text(`ppt/slides/slide${FIXED_SLIDE_COUNT + 2 - 1}.xml`));
    expect(total).toContain("Saved per year");
    expect(total).toContain("$44.4k");
  });

  it("has as many initiative slides as the presenter chose, in the chosen order", async () => {
    await saveDeckChoice(db, { initiatives: [ids[1], ids[0]] });
    let pkg = await openPackage(await toPptx((await getDeck(db, LEDGER_NOW)).deck));
    expect(slideText(await pkg.text("ppt/slides/slide5.xml"))).toContain("Recordings to Glacier IR");
    expect(slideText(await pkg.text("ppt/slides/slide6.xml"))).toContain("Load test shut down");
    await saveDeckChoice(db, { initiatives: [ids[0]] });
    pkg = await openPackage(await toPptx((await getDeck(db, LEDGER_NOW)).deck));
    expect(pkg.names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(FIXED_SLIDE_COUNT + 1);
    await expect(saveDeckChoice(db, { initiatives: [9999] })).rejects.toThrow(/No initiative #9999/);
    await saveDeckChoice(db, { initiatives: ids });
  });

  it("gives the same bytes for the same data, however many decks the process made before", async () => {
    const { deck } = await getDeck(db, LEDGER_NOW);
    const first = await toPptx(deck);
    await toPptx(deck); // pptxgenjs' chart counter moves on
    expect(Buffer.from(await toPptx(deck)).equals(Buffer.from(first))).toBe(true);
  });

  const soffice = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;
  it.skipIf(!soffice)(
    "renders in LibreOffice to a PDF with one page per slide (skipped where soffice is not installed)",
    async () => {
      const { deck } = await getDeck(db, LEDGER_NOW);
      const dir = mkdtempSync(path.join(tmpdir(), "costwise-deck-"));
      try {
        writeFileSync(path.join(dir, "deck.pptx"), await toPptx(deck));
        execFileSync(
          "soffice",
          [
            "--headless",
            `-env:UserInstallation=file://${dir}/profile`,
            "--convert-to",
            "pdf",
            "--outdir",
            dir,
            path.join(dir, "deck.pptx"),
          ],
          { timeout: 120_000, stdio: "pipe" },
        );
        expect(readdirSync(dir)).toContain("deck.pdf");
        const info = execFileSync("pdfinfo", [path.join(dir, "deck.pdf")], { encoding: "utf8" });
        expect(info).toMatch(new RegExp(`Pages:\\s+${deck.slides.length}\\b`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
