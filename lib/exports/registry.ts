import { AppError } from "@/lib/errors";
import { commitmentsExport } from "./commitments";
import { nodesExport } from "./nodes";
import { rightsizingExport } from "./rightsizing";
import { slidesExport } from "./slides";
import { spendExport } from "./spend";
import { syncRunsExport } from "./sync-runs";
import { tagPolicyExport } from "./tag-policy";
import { tagsExport } from "./tags";
import type { ExportDefinition } from "./types";

/** Every export the web and the CLI offer. Reports add theirs here. */
export const EXPORTS: ExportDefinition[] = [
  spendExport,
  syncRunsExport,
  tagsExport,
  tagPolicyExport,
  rightsizingExport,
  slidesExport,
  commitmentsExport,
  nodesExport,
];

export function getExport(name: string): ExportDefinition {
  const found = EXPORTS.find((e) => e.name === name);
  if (!found)
    throw new AppError(
      "not-found",
      `Unknown report "${name}". Known reports: ${EXPORTS.map((e) => e.name).join(", ")}.`,
    );
  return found;
}

/** Checks option names against the export's list, so a typo is an error and not a silently ignored filter. */
export function checkExportOptions(def: ExportDefinition, options: Record<string, string | undefined>) {
  for (const key of Object.keys(options)) {
    if (!(key in def.options)) {
      throw new AppError(
        "bad-input",
        `Unknown option "${key}" for ${def.name}. Known: ${Object.keys(def.options).join(", ") || "none"}.`,
      );
    }
  }
}
