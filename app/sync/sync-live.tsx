"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { cssVars } from "@/app/_components/css-vars";
import type { SyncRunRow } from "@/lib/sync/runs";
import styles from "./sync.module.css";

/** "Sync now" and the running sync's live progress; polls /api/sync while a run is going. */
export function SyncLive({ initialRunning, canSync }: { initialRunning: SyncRunRow | null; canSync: boolean }) {
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
  return (
    <section className="panel" aria-label="Current sync">
      <div className={styles.head}>
        <div>
          <h2 className={styles.title}>{running ? `Sync #${running.id} is running` : "No sync running"}</h2>
          <div className="muted" role="status" aria-live="polite">
            {running
              ? p
                ? `${p.source}: ${p.phase} — ${p.requests} requests, ${p.rows.toLocaleString("en-US")} rows`
                : "Starting…"
              : "Syncs fetch only what changed; the previous data stays until a run succeeds."}
          </div>
        </div>
        <button className="button" onClick={syncNow} disabled={!canSync || starting || running !== null}>
          {starting ? "Starting…" : "Sync now"}
        </button>
      </div>
      {running ? (
        <div className={`progress ${styles.spaced}`} aria-label="Sync progress">
          <div style={cssVars({ "--share": `${share === null ? 5 : Math.round(share * 100)}%` })} />
        </div>
      ) : null}
      {error ? <div className={`notice error ${styles.spaced} ${styles.last}`}>{error}</div> : null}
    </section>
  );
}
