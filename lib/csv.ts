/**
 * The CSV contract (README): RFC 4180, UTF-8, CRLF, header row, ISO dates, no thousands separators,
 * plain negatives, amounts at full stored precision, one label "(untagged)" for a missing tag value
 * (UNTAGGED_LABEL, lib/labels.ts).
 */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** A number as plain decimal text: never exponent notation, never a thousands separator. */
export function formatCsvNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Cannot write ${n} to CSV`);
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = n.toString();
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

function toField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? formatCsvNumber(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(toField).join(",")];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header has ${header.length}`);
    lines.push(row.map(toField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** Reads CSV produced by toCsv (and any RFC 4180 text): used by tests and imports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
