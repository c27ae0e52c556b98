import { requireAccess, type Access } from "@/lib/access/access";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { opportunitiesExport } from "./opportunities";
import { commitmentsExport } from "./commitments";
import { auditExport } from "./audit";
import { nodesExport } from "./nodes";
import { rightsizingExport } from "./rightsizing";
import { slidesExport } from "./slides";
import { spendExport } from "./spend";
import { syncRunsExport } from "./sync-runs";
import { tagPolicyExport } from "./tag-policy";
import { tagsExport } from "./tags";
import type { ExportDefinition, ExportOutput } from "./types";

/** Every export the web and the CLI offer. Reports add theirs here. */
export const EXPORTS: ExportDefinition[] = [
  spendExport,
  syncRunsExport,
  tagsExport,
  tagPolicyExport,
  rightsizingExport,
  slidesExport,
  opportunitiesExport,
  commitmentsExport,
  auditExport,
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

/**
 * Runs an export for a person: the one way the web and the command line (CLI_ACCESS) run one. Asks requireAccess
 * with the export's need; the team or department an option names must be granted; the scope goes to the run, so a
 * scoped person's file holds their rows only.
 */
export async function runExport(
  def: ExportDefinition,
  options: Record<string, string | undefined>,
  ctx: { db: Db; now: Date; access: Access },
): Promise<ExportOutput> {
  checkExportOptions(def, options);
  const scope = await requireAccess(ctx.db, ctx.access, def.access, `export ${def.name}`, {
    team: "team" in def.options ? options.team : undefined,
    department: "department" in def.options ? options.department : undefined,
  });
  return def.run(options, { db: ctx.db, now: ctx.now, scope });
}
