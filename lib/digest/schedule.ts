// The digest in the server: every quarter of an hour it asks runDigests, which sends nothing before the week's
// send time (DIGEST_SCHEDULE), nothing already sent, and retries a failed channel once its backoff has passed.
// Every replica runs it; the digest_send claim keeps each team's digest to one message per channel a week.
export const DIGEST_TICK_MS = 15 * 60_000;

export function startDigestSchedule(opts: {
  run: () => Promise<unknown>;
  log: (line: string) => void;
  tickMs?: number;
}): { stop(): void } {
  let stopped = false;
  let running = false;
  const tick = async () => {
    if (stopped || running) return;
    running = true;
    try {
      await opts.run();
    } catch (err) {
      opts.log(`Scheduled digest failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  // First look a minute after start (the server is ready then), then on every tick.
  const first = setTimeout(() => void tick(), 60_000);
  const timer = setInterval(() => void tick(), opts.tickMs ?? DIGEST_TICK_MS);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
