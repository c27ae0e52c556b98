import type { RightsizingSettings } from "@/lib/rightsizing";
import { toFormValues } from "@/lib/rightsizing/settings-form";
import { RightsizingSettingsForm } from "./rightsizing-form";

/** Rightsizing rules, mappings and prices: validated field by field, applied to every page when saved. */
export function RightsizingSection({ settings, clusters }: { settings: RightsizingSettings; clusters: string[] }) {
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
