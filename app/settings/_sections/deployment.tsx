import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { listSourceStatuses } from "@/lib/jobs/sources";

/** Read-only: what the environment configured (database, sources, tag keys, schedule). */
export function DeploymentSection({ db }: { db: Db }) {
  const config = getConfig();
  return (
    <section className="panel" aria-label="Deployment">
      <h2>Deployment</h2>
      <p className="muted">Set through environment variables (see .env.example); restart to change.</p>
      <table className="data">
        <tbody>
          <tr>
            <th>Database</th>
            <td>{db.label}</td>
          </tr>
          {listSourceStatuses(config).map((s) => (
            <tr key={s.name}>
              <th>{s.label}</th>
              <td>{s.reason}</td>
            </tr>
          ))}
          <tr>
            <th>Cost allocation tags</th>
            <td className="mono">{Object.values(config.aws.tagKeys).join(", ")}</td>
          </tr>
          <tr>
            <th>Scheduled sync</th>
            <td>{config.syncSchedule}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
