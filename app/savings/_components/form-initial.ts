// What the initiative form starts with: an initiative to edit (?edit=ID), or a candidate's prefill (?new=1&project=…).
import { toInitiativeFormValues, type Initiative, type SavingsParams } from "@/lib/savings/initiative";

export type FormInitial = { id: number | null; initial: Record<string, string>; problem: string | null };

export function toFormInitial(params: SavingsParams, initiatives: Initiative[]): FormInitial {
  const { edit, ...prefill } = params;
  if (edit === undefined) {
    const initial = Object.fromEntries(
      Object.entries(prefill).filter((e): e is [string, string] => e[1] !== undefined),
    );
    return { id: null, initial, problem: null };
  }
  const found = initiatives.find((i) => String(i.id) === edit);
  if (!found)
    return {
      id: null,
      initial: {},
      problem: `No initiative #${edit} to edit: it may have been deleted. Add a new one below.`,
    };
  return { id: found.id, initial: toInitiativeFormValues(found), problem: null };
}
