import type { Db } from "@/lib/db/types";

/** A UTC day range, half-open: [from, to). Days are "YYYY-MM-DD". */
export type DayRange = { from: string; to: string };

export type SyncProgress = {
  runId: number;
  source: string;
  /** What the source is doing now, in words: "Fetching spend by department × project (environment=production)". */
  phase: string;
  /** Steps done and planned in this source, when known (for a progress bar). */
  done: number;
  total: number | null;
  requests: number;
  rows: number;
};

export type SourceContext = {
  db: Db;
  runId: number;
  now: Date;
  /** The range asked for on the command line (--from/--to); undefined = the source's own incremental plan. */
  range: DayRange | undefined;
  signal: AbortSignal;
  /** Says what the source does now; `done`/`total` drive progress bars. */
  progress(phase: string, done?: number, total?: number | null): void;
  /** Counts one HTTP attempt to the vendor API (retries too: every attempt is paid). */
  countRequest(): void;
  /** Counts rows written to the final tables. */
  addRows(n: number): void;
  log(line: string): void;
};

export type SourceOutcome = {
  /** The day range the source refreshed, if it is day-based. */
  range: DayRange | null;
  notes?: string[];
};

export type SyncSource = {
  /** "aws" | "datadog": what --only takes. */
  name: string;
  label: string;
  /** Price of one API request in whole cents (Cost Explorer: 1; Datadog queries: 0). */
  requestCostCents: number;
  run(ctx: SourceContext): Promise<SourceOutcome>;
};

export type SourceResult = {
  status: "succeeded" | "failed" | "interrupted";
  requests: number;
  requestCostUsd: string;
  rowsWritten: number;
  range: DayRange | null;
  error: string | null;
  notes: string[];
};

export type SyncRunResult = {
  runId: number;
  status: "succeeded" | "failed" | "interrupted";
  sources: Record<string, SourceResult>;
  requests: number;
  requestCostUsd: string;
  rowsWritten: number;
  error: string | null;
};
