"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { cssVars } from "@/app/_components/css-vars";
import type { SyncRunRow } from "@/lib/sync/runs";
import styles from "./sync.module.css";

/**
 * "Sync now" (admins only: others do not get the button, and the API refuses them) and the running sync's live
 * progress: which source, what it is doing, how many of its steps are done; polls /api/sync while a run is going.
 */
export function SyncLive({
  initialRunning,
  isAdmin,
  hasSources,
  labels,
}: {
  initialRunning: SyncRunRow | null;
  isAdmin: boolean;
  hasSources: boolean;
  /** Source name → what people call it ("aws" → "AWS Cost Explorer"). */
  labels: Record<string, string>;
}) {
  const router = useRouter();
  const [running, setRunning] = useState(initialRunning);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const res = await fetch("/api/sync", { cache: "no-store" });
      if (!res.ok) return;
      const { runs } = (await res.json()) as { runs: SyncRunRow[] };
      const current = runs.find((r) => r.id === running.id) ?? null;
      if (current?.status === "running") setRunning(current);
      else {
        setRunning(null);
        router.refresh();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [running, router]);

  async function syncNow() {
    setStarting(true);
    setError(null);
    const res = await fetch("/api/sync", { method: "POST" });
    const body = (await res.json()) as { runId?: number; error?: { message: string } };
    setStarting(false);
    if (!res.ok || !body.runId) {
      setError(body.error?.message ?? `Sync could not start (HTTP ${res.status})`);
      return;
    }
    setRunning({ id: body.runId, status: "running", progress: null } as SyncRunRow);
    router.refresh();
  }

  const p = running?.progress;
  const share = p?.total ? Math.min(1, p.done / p.total) : null;
  const percent = share === null ? null : Math.round(share * 100);
  const steps = p?.total ? `step ${Math.min(p.done, p.total)} of ${p.total}, ` : "";
  return (
    <section className="panel" aria-label="Current sync">
      <div className={styles.head}>
        <div>
          <h2 className={styles.title}>{running ? `Sync #${running.id} is running` : "No sync running"}</h2>
          <div className="muted" role="status" aria-live="polite">
            {running
              ? p
                ? `${labels[p.source] ?? p.source}: ${p.phase} — ${steps}${p.requests} requests, ${p.rows.toLocaleString("en-US")} rows`
                : "Starting…"
              : "Syncs fetch only what changed; the previous data stays until a run succeeds."}
          </div>
        </div>
        {isAdmin ? (
          <button className="button" onClick={syncNow} disabled={!hasSources || starting || running !== null}>
            {starting ? "Starting…" : "Sync now"}
          </button>
        ) : null}
      </div>
      {running ? (
        <div
          className={`progress ${styles.spaced}`}
          role="progressbar"
          aria-label={`Sync progress${p ? ` of ${labels[p.source] ?? p.source}` : ""}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
        >
          <div style={cssVars({ "--share": `${percent ?? 5}%` })} />
        </div>
      ) : null}
      {error ? <div className={`notice error ${styles.spaced} ${styles.last}`}>{error}</div> : null}
    </section>
  );
}
