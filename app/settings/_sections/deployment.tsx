import type { SettingsPage } from "@/lib/pages/settings";

/** Read-only: what the environment configured (database, sources, tag keys, schedule). */
export function DeploymentSection({ deployment }: { deployment: SettingsPage["deployment"] }) {
  return (
    <section className="panel" aria-label="Deployment">
      <h2>Deployment</h2>
      <p className="muted">Set through environment variables (see .env.example); restart to change.</p>
      <div className="table-scroll">
        <table className="data">
          <tbody>
            <tr>
              <th>Database</th>
              <td>{deployment.database}</td>
            </tr>
            {deployment.sources.map((s) => (
              <tr key={s.name}>
                <th>{s.label}</th>
                <td>{s.reason}</td>
              </tr>
            ))}
            <tr>
              <th>Cost allocation tags</th>
              <td className="mono">{deployment.tagKeys.join(", ")}</td>
            </tr>
            <tr>
              <th>Scheduled sync</th>
              <td>{deployment.syncSchedule}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
