// The deck as a PowerPoint file with NATIVE charts (pptxgenjs writes DrawingML charts with their data in an
// embedded workbook, so anyone can restyle or edit the numbers in PowerPoint, Keynote or LibreOffice).
// 16:9 wide layout (13.33 × 7.5 in). The package is made deterministic afterwards (./zip-normalize.ts).
import pptxgen from "pptxgenjs";
import { DECK_COLORS, type Deck, type DeckChart, type Slide } from "./deck";
import { normalizeZip } from "./zip-normalize";

type PptxSlide = ReturnType<pptxgen["addSlide"]>;

const FONT = "Arial";
const DARK = "101828";
const W = 13.333;
const X = 0.6;
const INNER = W - 2 * X;

function addFooter(s: PptxSlide, slide: Slide, index: number, total: number) {
  const source = slide.source ? `Source: Costwise › ${slide.source.label} (${slide.source.href})` : "";
  s.addText(source, { x: X, y: 7.0, w: INNER - 1, h: 0.3, fontFace: FONT, fontSize: 10, color: DECK_COLORS.muted });
  s.addText(`${index + 1} / ${total}`, {
    x: W - X - 1,
    y: 7.0,
    w: 1,
    h: 0.3,
    fontFace: FONT,
    fontSize: 10,
    color: DECK_COLORS.muted,
    align: "right",
  });
}

function addChart(pptx: pptxgen, s: PptxSlide, chart: DeckChart, box: { x: number; y: number; w: number; h: number }) {
  const isBars = chart.type === "bars";
  // PowerPoint draws horizontal bars bottom-up: reverse them so the deck's first category (the largest) is on top.
  const order = <T>(list: T[]) => (isBars ? [...list].reverse() : list);
  const data = chart.series.map((series) => ({
    name: series.name,
    labels: order(chart.categories),
    values: order(series.values),
  }));
  s.addChart(pptx.ChartType.bar, data, {
    ...box,
    barDir: isBars ? "bar" : "col",
    barGrouping: isBars ? "clustered" : "stacked",
    barGapWidthPct: isBars ? 60 : 40,
    chartColors: chart.series.map((series) => series.color),
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: isBars ? 14 : 12,
    catAxisLabelColor: DECK_COLORS.ink,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 12,
    valAxisLabelColor: DECK_COLORS.muted,
    valAxisLabelFormatCode: '[>=1000000]$#,##0.0,,"M";[>=1000]$#,##0,"k";$#,##0',
    valGridLine: { color: "E3E6EC", size: 1 },
    showLegend: chart.series.length > 1,
    legendPos: "b",
    legendFontFace: FONT,
    legendFontSize: 12,
    showValue: isBars,
    dataLabelFormatCode: "$#,##0",
    dataLabelFontSize: 12,
    dataLabelColor: DECK_COLORS.ink,
    showTitle: false,
  });
}

function addTitleSlide(s: PptxSlide, slide: Slide, dark: boolean) {
  s.background = { color: dark ? DARK : "FFFFFF" };
  s.addShape("rect", { x: X, y: 2.2, w: 0.9, h: 0.12, fill: { color: "4F7CFF" }, line: { color: "4F7CFF" } });
  s.addText(slide.title, {
    x: X,
    y: 2.5,
    w: INNER,
    h: 1.5,
    fontFace: FONT,
    fontSize: slide.layout === "closing" ? 60 : 44,
    bold: true,
    color: "FFFFFF",
    valign: "top",
  });
  if (slide.subtitle)
    s.addText(slide.subtitle, {
      x: X,
      y: 4.1,
      w: INNER,
      h: 1,
      fontFace: FONT,
      fontSize: 24,
      color: "D0D5DD",
      valign: "top",
    });
  if (slide.note)
    s.addText(slide.note, { x: X, y: 6.5, w: INNER, h: 0.5, fontFace: FONT, fontSize: 14, color: "98A2B3" });
}

function addNumberSlide(s: PptxSlide, slide: Slide) {
  s.addText(slide.title, {
    x: X,
    y: 0.5,
    w: INNER,
    h: 0.8,
    fontFace: FONT,
    fontSize: 30,
    bold: true,
    color: DECK_COLORS.ink,
    align: "center",
  });
  if (slide.headline) {
    s.addText(slide.headline.value, {
      x: X,
      y: 1.4,
      w: INNER,
      h: 2.2,
      fontFace: FONT,
      fontSize: 120,
      bold: true,
      color: DECK_COLORS.good,
      align: "center",
    });
    s.addText(slide.headline.label, {
      x: X,
      y: 3.6,
      w: INNER,
      h: 0.6,
      fontFace: FONT,
      fontSize: 24,
      color: DECK_COLORS.muted,
      align: "center",
    });
  }
  // One centred column: the contributions under the total, smaller when the deck has many initiatives.
  const facts = slide.facts ?? [];
  const rowH = Math.min(0.42, 2.1 / Math.max(facts.length, 1));
  facts.forEach((f, i) => {
    s.addText(
      [
        { text: `${f.value}   `, options: { bold: true, color: DECK_COLORS.ink } },
        { text: f.label, options: { color: DECK_COLORS.muted } },
      ],
      {
        x: (W - 9) / 2,
        y: 4.45 + i * rowH,
        w: 9,
        h: rowH,
        fontFace: FONT,
        fontSize: facts.length > 6 ? 12 : 16,
        align: "center",
      },
    );
  });
  if (slide.note)
    s.addText(slide.note, {
      x: X,
      y: 6.3,
      w: INNER,
      h: 0.5,
      fontFace: FONT,
      fontSize: 16,
      color: DECK_COLORS.muted,
      align: "center",
    });
}

function addChartSlide(pptx: pptxgen, s: PptxSlide, slide: Slide) {
  s.addText(slide.title, {
    x: X,
    y: 0.35,
    w: INNER,
    h: 0.75,
    fontFace: FONT,
    fontSize: 30,
    bold: true,
    color: DECK_COLORS.ink,
    valign: "top",
    fit: "shrink",
  });
  if (slide.subtitle)
    s.addText(slide.subtitle, {
      x: X,
      y: 1.05,
      w: INNER,
      h: 0.45,
      fontFace: FONT,
      fontSize: 15,
      color: DECK_COLORS.muted,
      valign: "top",
    });
  let y = 1.75;
  const left = 3.9;
  if (slide.headline) {
    const color =
      slide.headline.tone === "bad"
        ? DECK_COLORS.bad
        : slide.headline.tone === "good"
          ? DECK_COLORS.good
          : DECK_COLORS.ink;
    s.addText(slide.headline.value, {
      x: X,
      y,
      w: left,
      h: 0.9,
      fontFace: FONT,
      fontSize: 40,
      bold: true,
      color,
      fit: "shrink",
    });
    // Text boxes do not grow in PowerPoint: size each from its length (about 38 characters a line at 14 pt here).
    const labelH = Math.max(0.6, Math.ceil(slide.headline.label.length / 38) * 0.25);
    s.addText(slide.headline.label, {
      x: X,
      y: y + 0.85,
      w: left,
      h: labelH,
      fontFace: FONT,
      fontSize: 14,
      color: DECK_COLORS.muted,
      valign: "top",
    });
    y += 1.0 + labelH;
  }
  if (slide.how) {
    const howH = Math.ceil(slide.how.length / 34) * 0.28 + 0.1;
    s.addText(slide.how, {
      x: X,
      y,
      w: left,
      h: howH,
      fontFace: FONT,
      fontSize: 15,
      italic: true,
      color: DECK_COLORS.ink,
      valign: "top",
    });
    y += howH + 0.2;
  }
  for (const f of slide.facts ?? []) {
    s.addText(f.label, { x: X, y, w: left, h: 0.3, fontFace: FONT, fontSize: 12, color: DECK_COLORS.muted });
    s.addText(f.value, {
      x: X,
      y: y + 0.27,
      w: left,
      h: 0.42,
      fontFace: FONT,
      fontSize: 20,
      bold: true,
      color: DECK_COLORS.ink,
    });
    y += 0.78;
  }
  // pptxgenjs cannot write a chart without a series or a category.
  if (slide.chart && slide.chart.series.length > 0 && slide.chart.categories.length > 0)
    addChart(pptx, s, slide.chart, { x: X + left + 0.3, y: 1.7, w: INNER - left - 0.3, h: 4.9 });
  if (slide.note) {
    const alone = !slide.chart;
    s.addText(
      slide.note,
      alone
        ? {
            x: X + left + 0.3,
            y: 2.5,
            w: INNER - left - 0.3,
            h: 2,
            fontFace: FONT,
            fontSize: 20,
            color: DECK_COLORS.muted,
            valign: "middle",
            align: "center",
          }
        : {
            x: X + left + 0.3,
            y: 6.6,
            w: INNER - left - 0.3,
            h: 0.35,
            fontFace: FONT,
            fontSize: 11,
            color: DECK_COLORS.muted,
          },
    );
  }
}

/**
 * Team, project and initiative names reach the slides' XML. pptxgenjs escapes & < > " ' but not control
 * characters, which XML 1.0 forbids: one in a name and PowerPoint refuses the whole file. They are dropped
 * from every text of the deck (tab and line breaks stay).
 */
export function toPptxText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

function withPptxTexts<T>(value: T): T {
  if (typeof value === "string") return toPptxText(value) as T;
  if (Array.isArray(value)) return value.map(withPptxTexts) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPptxTexts(v)])) as T;
  }
  return value;
}

/** The .pptx bytes of a deck: the same deck gives the same bytes (fixed dates: the deck's as-of day). */
export async function toPptx(input: Deck): Promise<Uint8Array> {
  const deck = withPptxTexts(input);
  const pptx = new pptxgen();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = deck.title;
  pptx.author = "Costwise";
  pptx.company = "Costwise";
  pptx.subject = `All-hands deck as of ${deck.asOf}`;
  deck.slides.forEach((slide, index) => {
    const s = pptx.addSlide();
    if (slide.layout === "title" || slide.layout === "closing") addTitleSlide(s, slide, true);
    else if (slide.layout === "number") addNumberSlide(s, slide);
    else addChartSlide(pptx, s, slide);
    if (slide.layout !== "title" && slide.layout !== "closing") addFooter(s, slide, index, deck.slides.length);
    s.addNotes(
      [
        slide.title,
        slide.headline ? `${slide.headline.value} ${slide.headline.label}` : "",
        slide.note ?? "",
        slide.source ? `Source: ${slide.source.href}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  });
  const bytes = (await pptx.write({ outputType: "uint8array", compression: true })) as Uint8Array;
  return normalizeZip(bytes, new Date(`${deck.asOf}T00:00:00Z`));
}
