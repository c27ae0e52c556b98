// Makes an Office package deterministic, so the web download and `npm run export -- slides` are byte-identical
// for the same data. pptxgenjs varies three things between runs: the current time in docProps/core.xml (of the
// deck and of every embedded chart workbook) and in each zip entry; chart part numbers from a module-wide
// counter that keeps growing in a long-running server (chart13.xml on the second download); and the order in
// which chart parts are added. Fixed date, charts renumbered 1…n in slide order, entries sorted.
// JSZip is pptxgenjs' own dependency (installed with it).
import JSZip from "jszip";

const W3CDTF = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:(?:created|modified)>)/g;
const CHART_PART = /^ppt\/charts\/chart(\d+)\.xml$/;
const NUMBERED = /(chart|Microsoft_Excel_Worksheet)(\d+)(\.xml|\.xlsx)/g;

/** Old chart number → 1…n, in the order of the old numbers (the order the slides added them). */
function toChartNumbers(names: string[]): Map<string, string> {
  const numbers = names
    .flatMap((n) => CHART_PART.exec(n)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
  return new Map(numbers.map((n, i) => [String(n), String(i + 1)]));
}

export async function normalizeZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const input = await JSZip.loadAsync(bytes);
  const output = new JSZip();
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const names = Object.keys(input.files);
  const charts = toChartNumbers(names);
  const renumber = (text: string) =>
    charts.size === 0
      ? text
      : text.replace(NUMBERED, (all, stem: string, n: string, ext: string) => `${stem}${charts.get(n) ?? n}${ext}`);
  // [Content_Types].xml first (some readers expect it), then every other part by its new name.
  const rank = (n: string) => (n === "[Content_Types].xml" ? `0${n}` : `1${n}`);
  const ordered = names
    .map((name) => ({ name, target: renumber(name) }))
    .sort((a, b) => (rank(a.target) < rank(b.target) ? -1 : 1));
  for (const { name, target } of ordered) {
    const entry = input.files[name];
    if (!entry) continue;
    if (entry.dir) {
      output.file(target, null, { dir: true, date });
      continue;
    }
    let content: Uint8Array | string = await entry.async("uint8array");
    if (name.endsWith(".xlsx")) content = await normalizeZip(content, date);
    else if (name.endsWith(".xml") || name.endsWith(".rels")) {
      let text = new TextDecoder().decode(content);
      if (name.endsWith("docProps/core.xml")) text = text.replace(W3CDTF, `$1${stamp}$2`);
      if (name === "[Content_Types].xml" || name.endsWith(".rels")) text = renumber(text);
      content = text;
    }
    output.file(target, content, { date, createFolders: false });
  }
  return output.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
