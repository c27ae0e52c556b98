import type { Db } from "@/lib/db/types";
import { listClusters } from "@/lib/rightsizing/read";
import { getRightsizingSettings } from "@/lib/settings/store";
import { toFormValues } from "./rightsizing-form-data";
import { RightsizingSettingsForm } from "./rightsizing-form";
import "../../rightsizing/rightsizing.css";

/** Rightsizing rules, mappings and prices: validated field by field, applied to every page when saved. */
export async function RightsizingSection({ db }: { db: Db }) {
  const [settings, clusters] = await Promise.all([getRightsizingSettings(db), listClusters(db)]);
  const { values, clusterRows } = toFormValues(settings, clusters);
  return (
    <section className="panel" id="rightsizing" aria-label="Rightsizing">
      <h2>Rightsizing</h2>
      <p className="muted">
        The rules behind every recommendation on <a href="/rightsizing">Rightsizing</a>. Recommendations are computed
        when a page is read, so a change here shows everywhere at once, without a sync (the window applies from the next
        Datadog sync).
      </p>
      <RightsizingSettingsForm values={values} clusterRows={clusterRows} />
    </section>
  );
}
