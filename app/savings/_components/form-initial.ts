// What the initiative form starts with: an initiative to edit (?edit=ID), or a candidate's prefill (?new=1&project=…).
import { DIMENSIONS } from "@/lib/reports/datasets";
import type { Initiative } from "@/lib/savings/initiative";

const PREFILL = ["name", "description", "changeDate", "kind", "months", ...DIMENSIONS] as const;

export function toFormInitial(params: Record<string, string | string[] | undefined>, initiatives: Initiative[]) {
  const one = (k: string) => {
    const v = params[k];
    return typeof v === "string" ? v : undefined;
  };
  const edit = one("edit");
  if (edit !== undefined) {
    const found = initiatives.find((i) => String(i.id) === edit);
    if (!found)
      return {
        id: null,
        initial: {},
        problem: `No initiative #${edit} to edit: it may have been deleted. Add a new one below.`,
      };
    const initial: Record<string, string> = {
      name: found.name,
      description: found.description,
      changeDate: found.changeDate,
      kind: found.kind,
      months: String(found.months),
      ...Object.fromEntries(
        Object.entries(found.scope.filters).filter((e): e is [string, string] => e[1] !== undefined),
      ),
    };
    if (found.scope.rightsizing?.cluster) initial.rs_cluster = found.scope.rightsizing.cluster;
    if (found.scope.rightsizing?.environment) initial.rs_environment = found.scope.rightsizing.environment;
    return { id: found.id, initial, problem: null };
  }
  const initial = Object.fromEntries(PREFILL.flatMap((k) => (one(k) === undefined ? [] : [[k, one(k) as string]])));
  return { id: null, initial, problem: null };
}
