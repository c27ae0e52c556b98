/** When the next scheduled sync is due: hourly at :05, daily at 06:05 UTC (Cost Explorer refreshes a few times a day). */
export function nextScheduledRun(schedule: "hourly" | "daily", now: Date): Date {
  const next = new Date(now);
  next.setUTCSeconds(0, 0);
  next.setUTCMinutes(5);
  if (schedule === "daily") next.setUTCHours(6);
  while (next <= now) {
    if (schedule === "hourly") next.setUTCHours(next.getUTCHours() + 1);
    else next.setUTCDate(next.getUTCDate() + 1);
  }
  return next;
}

/** Runs `run` on the schedule until stopped. A failing run is logged and the schedule goes on. */
export function startSyncSchedule(opts: {
  schedule: "hourly" | "daily";
  run: () => Promise<unknown>;
  clock?: () => Date;
  log: (line: string) => void;
}): { stop(): void } {
  const clock = opts.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const plan = () => {
    if (stopped) return;
    const at = nextScheduledRun(opts.schedule, clock());
    opts.log(`Next scheduled sync at ${at.toISOString()}`);
    timer = setTimeout(
      async () => {
        try {
          await opts.run();
        } catch (err) {
          opts.log(`Scheduled sync failed: ${(err as Error).message}`);
        }
        plan();
      },
      Math.max(1_000, at.getTime() - clock().getTime()),
    );
    timer.unref();
  };
  plan();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
