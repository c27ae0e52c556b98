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

/**
 * Spreadsheet formula injection (OWASP, "CSV Injection"): a text cell starting with = + - @ tab or carriage return
 * is run as a formula by Excel, LibreOffice and Google Sheets. Account names, tag values, team names and error
 * texts come from other people, so such a text cell gets a leading ' (shown as text, the ' hidden). Number
 * columns are left alone: "-1234.5" must stay a number a spreadsheet can sum.
 */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const PLAIN_NUMBER = /^(-?\d+(\.\d+)?)?$/; // empty: no value

function toField(v: CsvValue, numeric: boolean): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "number" ? formatCsvNumber(v) : String(v);
  if (numeric && typeof v === "string" && !PLAIN_NUMBER.test(s)) {
    throw new Error(`CSV number column holds ${JSON.stringify(s.slice(0, 40))}, which is not a plain number`);
  }
  if (!numeric && typeof v === "string") s = escapeFormula(s);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `numberColumns`: the columns that hold amounts and counts. Their values are written as they are and must be
 * plain numbers; every other text cell is escaped against formula injection (escapeFormula).
 */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  opts: { numberColumns?: readonly string[] } = {},
): string {
  return [...toCsvLines(header, rows, opts)].join("");
}

/**
 * A CSV file not yet written: its lines are made as they are read (`lines()`), so an export streamed to a
 * download or a file never holds the whole text, while `toString()` gives the same bytes as toCsv for tests and
 * callers that want one string. `rows` is called again on each read, so the body can be read more than once.
 */
export class CsvBody {
  constructor(
    readonly header: readonly string[],
    private readonly rows: () => Iterable<readonly CsvValue[]>,
    private readonly opts: { numberColumns?: readonly string[] } = {},
  ) {}

  lines(): Generator<string> {
    return toCsvLines(this.header, this.rows(), this.opts);
  }

  toString(): string {
    return [...this.lines()].join("");
  }

  /**
   * The file as a byte stream written as the client reads it: chunks are made on demand (pull), so memory stays
   * one chunk however many rows the file has. The first chunk (the header and the first rows) is made here, so a
   * file that cannot be written at all throws before anything is answered (a route still answers its JSON error);
   * a failure later errors the stream, which ends the download broken rather than short and looking complete.
   */
  stream(): ReadableStream<Uint8Array> {
    const chunks = toChunks(this.lines());
    const encoder = new TextEncoder();
    const first = chunks.next();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(first.value));
      },
      pull(controller) {
        try {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          console.error("A CSV download failed after its first bytes were sent:", err);
          controller.error(err);
        }
      },
      cancel() {
        chunks.return(undefined);
      },
    });
  }
}

/**
 * Lines joined into chunks of about `chunkChars` characters: one write per line would cost more in calls than
 * the text itself.
 */
export function* toChunks(lines: Iterable<string>, chunkChars = 64 * 1024): Generator<string> {
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** toCsv line by line (each with its CRLF), for answers streamed rather than built as one string. */
export function* toCsvLines(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  opts: { numberColumns?: readonly string[] } = {},
): Generator<string> {
  const unknown = (opts.numberColumns ?? []).filter((c) => !header.includes(c));
  if (unknown.length) throw new Error(`CSV number columns not in the header: ${unknown.join(", ")}`);
  const numeric = header.map((h) => opts.numberColumns?.includes(h) ?? false);
  yield header.map((h) => toField(h, false)).join(",") + "\r\n";
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header has ${header.length}`);
    yield row.map((v, i) => toField(v, numeric[i]!)).join(",") + "\r\n";
  }
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
