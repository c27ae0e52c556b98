import type { SyncProgress } from "./types";

/** One line of sync progress for a terminal (with a bar when the total is known) or a log. */
export function formatProgress(p: SyncProgress, width = 24): string {
  const counts = `${p.requests} request${p.requests === 1 ? "" : "s"}, ${p.rows.toLocaleString("en-US")} rows`;
  if (p.total && p.total > 0) {
    const share = Math.min(1, p.done / p.total);
    const filled = Math.round(share * width);
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%`;
    return `${bar} ${p.source}: ${p.phase} (${counts})`;
  }
  return `${p.source}: ${p.phase} (${counts})`;
}
