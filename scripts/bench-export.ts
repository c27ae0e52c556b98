// Benchmark of a large CSV export's memory: the spend view by service and account, day by day, at the cell cap
// (MAX_SPEND_CELLS), seeded straight into a throwaway Postgres database. The same export is read two ways:
// streamed as GET /api/export/spend answers it (chunk by chunk, each dropped once sent, as a client reads), and
// built as one string (what the download did before it streamed). Prints the heap held at the peak of each,
// above the report itself (measured after a full GC, so the figures repeat).
// Usage: node --expose-gc --import tsx scripts/bench-export.ts [-- --services 25 --accounts 5 --days 399]
//        (npm run bench:export; TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres)
import { parseFlags } from "@/lib/cli/flags";
import { CsvBody } from "@/lib/csv";
import { FULL_SCOPE } from "@/lib/access/access";
import { spendExport } from "@/lib/exports/spend";
import { addDays } from "@/lib/dates";
import { createPostgresTestDb } from "@/testing/databases";

const { flags } = parseFlags(process.argv.slice(2), {
  services: { value: true, description: "services" },
  accounts: { value: true, description: "accounts" },
  days: { value: true, description: "days" },
});
const services = Number(flags.services ?? 25);
const accounts = Number(flags.accounts ?? 5);
const days = Number(flags.days ?? 399);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with node --expose-gc (npm run bench:export does).");
const NOW = new Date("2026-11-26T12:00:00Z");
const to = "2026-11-01";
const from = addDays(to, -days);

const heapMiB = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const db = await createPostgresTestDb(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
try {
  // One row per service, account and day; amounts with cents and a long tail of decimals, as Cost Explorer sends.
  await db.sql.query(
    `INSERT INTO cost_daily (dataset, day, service, account_id, unblended, amortized, net_amortized)
     SELECT 'service,account', d::date, 'Amazon Service ' || s, lpad(a::text, 12, '0'),
            (s * 7.13 + a * 1.0000000001 + extract(doy FROM d))::numeric,
            (s * 7.13 + a * 1.0000000001 + extract(doy FROM d))::numeric,
            (s * 7.13 + a * 1.0000000001 + extract(doy FROM d))::numeric
       FROM generate_series($1::date, $2::date - 1, interval '1 day') d,
            generate_series(1, $3::int) s, generate_series(1, $4::int) a`,
    [from, to, services, accounts],
  );
  await db.sql.query(
    `INSERT INTO cost_day (day, estimated, unblended, amortized, net_amortized, run_id)
     SELECT day, false, sum(unblended), sum(amortized), sum(net_amortized), 1 FROM cost_daily GROUP BY day`,
  );
  await db.sql.query(
    `INSERT INTO cost_account (account_id, name) SELECT lpad(a::text, 12, '0'), 'account ' || a FROM generate_series(1, $1::int) a`,
    [accounts],
  );
  const options = { by: "service,account", granularity: "day", from, to };
  const ctx = { db, now: NOW, scope: FULL_SCOPE };

  // Streamed: the route's ReadableStream, read chunk by chunk and dropped, the peak sampled after each chunk.
  const streamed = await spendExport.run(options, ctx);
  if (!(streamed.body instanceof CsvBody)) throw new Error("the spend CSV is not streamed");
  const streamBase = heapMiB();
  let streamPeak = streamBase;
  let bytes = 0;
  let chunks = 0;
  const reader = streamed.body.stream().getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    if (++chunks % 10 === 0) streamPeak = Math.max(streamPeak, heapMiB());
  }
  streamPeak = Math.max(streamPeak, heapMiB());

  // One string (as before): the whole file held at once, then encoded for the answer.
  const built = await spendExport.run(options, ctx);
  const stringBase = heapMiB();
  const text = String(built.body);
  const encoded = new TextEncoder().encode(text);
  const stringPeak = heapMiB() + encoded.byteLength / 2 ** 20; // the encoded copy lives outside the heap
  if (encoded.byteLength !== bytes) throw new Error(`streamed ${bytes} bytes, built ${encoded.byteLength}`);

  const rows = text.split("\r\n").length - 2;
  console.log(
    `spend by service,account, day by day: ${rows.toLocaleString("en-US")} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log(`  streamed (${chunks} chunks): +${(streamPeak - streamBase).toFixed(1)} MiB held at the peak`);
  console.log(`  one string:           +${(stringPeak - stringBase).toFixed(1)} MiB held at the peak`);
} finally {
  await db.drop();
}
