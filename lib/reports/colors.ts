import { MEANING_COLORS, OTHER_COLOR, SERIES_COLORS, UNTAGGED_COLOR } from "@/lib/palette";

// One colour per department across every page: a pure function of the department and the allowed
// list, so the overview trend, /spend and the slides agree without sharing state.

/** The series colours (lib/palette.ts): colour-vision-deficiency safe, the same on the pages and the slides. */
export const PALETTE = SERIES_COLORS;
export { OTHER_COLOR, UNTAGGED_COLOR };

function hashOf(text: string): number {
  let h = 2166136261; // FNV-1a: stable across runs and machines
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  // Murmur3's finaliser: spreads similar names (`fin`, `Platform`) over the few spare colours.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Allowed departments take the palette in the order of the allowed list (settings); a value outside the
 * list takes one of the colours left over, from its name (any colour when the list is empty or fills the
 * palette); untagged is grey.
 */
export function toDepartmentColor(department: string | null, allowed: readonly string[]): string {
  if (department === null) return UNTAGGED_COLOR;
  const index = allowed.indexOf(department);
  if (index >= 0) return PALETTE[index % PALETTE.length] ?? PALETTE[0];
  // Outside the list: the colours no allowed department uses, so `fin` never looks like `finance`'s neighbour.
  const spare = PALETTE.length - Math.min(allowed.length, PALETTE.length);
  const slot = spare > 0 ? allowed.length + (hashOf(department) % spare) : hashOf(department) % PALETTE.length;
  return PALETTE[slot] ?? PALETTE[0];
}

/** Colours for groups that are not departments: by rank, so the biggest groups get the strongest colours. */
export function toRankColor(rank: number): string {
  return PALETTE[rank % PALETTE.length] ?? PALETTE[0];
}

/** Customer-serving and R&D: the same two colours on the overview and /spend/categories. */
export const CATEGORY_COLORS: Record<string, string> = {
  "customer-serving": MEANING_COLORS.customerServing,
  rnd: MEANING_COLORS.rnd,
};
