import Link from "next/link";
import type { UnmappedEnvironment, UsageWindow } from "@/lib/rightsizing/read";
import styles from "./rightsizing.module.css";

/** Environment values on neither list are treated as production; list them so someone maps them. */
export function UnmappedNotice({ unmapped, envTagKey }: { unmapped: UnmappedEnvironment[]; envTagKey: string }) {
  if (unmapped.length === 0) return null;
  return (
    <div className={`notice warn ${styles.unmapped}`} aria-label="Unmapped environments">
      <strong>Treated as production</strong> (environment on neither list, so the idle rule does not apply):{" "}
      {unmapped.map((u, i) => (
        <span key={`${u.cluster}/${u.value}`}>
          {i > 0 ? "; " : ""}
          <code>{u.value ?? `no ${envTagKey} tag`}</code> in {u.cluster} ({u.containers} container
          {u.containers === 1 ? "" : "s"})
        </span>
      ))}
      . <Link href="/settings#rightsizing">Add them to a list or map the cluster in Settings</Link>.
    </div>
  );
}

export function WindowNote({ window }: { window: UsageWindow | null }) {
  if (!window) return null;
  return (
    <p className={`muted ${styles.windowNote}`}>
      Usage over {window.days} days from {window.start} (UTC), as of the last Datadog sync. Recommendations use the
      settings in force now.
    </p>
  );
}
