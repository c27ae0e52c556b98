import type { Need, Scope } from "@/lib/access/access";
import type { CsvBody } from "@/lib/csv";
import type { Db } from "@/lib/db/types";

/** `scope`: what the person asking may read, from requireAccess (runExport asks before every run). */
export type ExportContext = { db: Db; now: Date; scope: Scope };

export type ExportOutput = {
  /** Suggested file name for a download, e.g. "spend-department-2026-01-01-2026-11-01.csv". */
  filename: string;
  contentType: string;
  /** A CsvBody is written line by line as it is sent (the web streams it, the CLI writes it in chunks). */
  body: string | Uint8Array | CsvBody;
};

/**
 * One export, shared by the web download (`GET /api/export/<name>?…`) and the CLI
 * (`npm run -s export -- <name> --…`): both pass the same string options, so the bytes are identical.
 */
export type ExportDefinition = {
  name: string;
  summary: string;
  /** What a person needs to download it (lib/access); the command line has full access. */
  access: Need;
  /** Option names (without --) and what they take; `format` and `out` are handled like any other. */
  options: Record<string, string>;
  /** Must be given on the command line (e.g. slides needs --out: a binary file never goes to a terminal). */
  requiresOut?: boolean;
  run(options: Record<string, string | undefined>, ctx: ExportContext): Promise<ExportOutput>;
};
