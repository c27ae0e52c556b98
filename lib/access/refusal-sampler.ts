// Which refusals of the request guard (a change from another site, a foreign Host) reach the audit trail. Anyone
// can send them, from anywhere, with any Origin they like: written one row per request, a script would fill the
// audit_event table (and bury the refusals that matter) as fast as it can post. So, per window of a minute:
// one row per origin, at most `maxRows` rows in all; every refusal left out is counted, and the next row written
// says how many were. Memory is bounded the same way: at most `maxRows` origins are remembered, for one window.

export type SamplerOptions = { windowMs: number; maxRows: number };

export const GUARD_REFUSAL_SAMPLING: SamplerOptions = { windowMs: 60_000, maxRows: 20 };

export class RefusalSampler {
  private windowStart = Number.NEGATIVE_INFINITY;
  /** Origins written in this window. */
  private written = new Set<string>();
  /** Refusals left out since the last row written. */
  private leftOut = 0;

  constructor(private readonly opts: SamplerOptions = GUARD_REFUSAL_SAMPLING) {}

  /**
   * Whether to write the refusal of `key` (the origin) now; when it is, `leftOutBefore` is how many refusals
   * were not written since the previous row (of any origin).
   */
  admit(key: string, nowMs: number): { leftOutBefore: number } | null {
    if (nowMs - this.windowStart >= this.opts.windowMs || nowMs < this.windowStart) {
      this.windowStart = nowMs;
      this.written.clear();
    }
    if (this.written.has(key) || this.written.size >= this.opts.maxRows) {
      this.leftOut++;
      return null;
    }
    this.written.add(key);
    const leftOutBefore = this.leftOut;
    this.leftOut = 0;
    return { leftOutBefore };
  }
}
