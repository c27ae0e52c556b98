"use client";
import { useActionState } from "react";
import { SettingVersionField } from "@/app/_components/setting-version";
import { saveRightsizingSettingsAction, type RightsizingFormState } from "./rightsizing-actions";
import type { ClusterRow } from "@/lib/rightsizing/settings-form";
import styles from "./rightsizing-form.module.css";

const INITIAL: RightsizingFormState = { status: "idle", message: "", errors: {}, submitted: null, version: 0 };
type Get = (name: string) => string;
type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  get: Get;
  errors: Record<string, string>;
  isWide?: boolean;
  rows?: number;
};

function Field({ name, label, hint, get, errors, isWide, rows }: FieldProps) {
  const error = errors[name];
  const describedBy = error ? `${name}-error` : undefined;
  const common = {
    id: name,
    name,
    defaultValue: get(name),
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <label className={isWide ? `${styles.field} ${styles.wide}` : styles.field}>
      {label}
      {hint ? <span className={styles.hint}>{hint}</span> : null}
      {rows ? <textarea rows={rows} {...common} /> : <input {...common} />}
      {error ? (
        <span className={styles.fieldError} id={describedBy}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

const CLUSTER_FIELDS = [
  ["environment", "Environment"],
  ["instanceType", "Instance type"],
  ["vcpu", "vCPU"],
  ["memoryGib", "GiB"],
  ["hourlyUsd", "$/hour"],
  ["vcpuHourUsd", "$/vCPU-h (optional)"],
  ["gibHourUsd", "$/GiB-h (optional)"],
] as const;

export function RightsizingSettingsForm({
  values,
  clusterRows,
}: {
  values: Record<string, string>;
  clusterRows: ClusterRow[];
}) {
  const [state, action, isPending] = useActionState(saveRightsizingSettingsAction, INITIAL);
  const get: Get = (name) => state.submitted?.[name] ?? values[name] ?? "";
  const rows = [...clusterRows, null]; // one blank row to add a cluster
  const cell = (i: number, field: string) =>
    state.submitted?.[`cluster.${i}.${field}`] ?? (rows[i] as Record<string, string> | null)?.[field] ?? "";
  const errors = state.errors;
  const clusterErrors = Object.entries(errors).filter(([key]) => key.startsWith("cluster."));
  const p = { get, errors };
  return (
    <form key={state.version} action={action} className={styles.form} aria-label="Rightsizing settings">
      <SettingVersionField setting="rightsizing" saved={state.settingVersion} />
      {state.message ? (
        <div
          className={`notice ${state.status === "saved" ? "info" : "error"}`}
          role={state.status === "saved" ? "status" : "alert"}
        >
          {state.message}
        </div>
      ) : null}
      <fieldset>
        <legend>Environments and teams</legend>
        <div className={styles.fields}>
          <Field
            name="nonProductionEnvironments"
            label="Non-production environments"
            hint="The idle rule applies only to these (comma-separated). Anything else is production."
            isWide
            {...p}
          />
          <Field
            name="productionEnvironments"
            label="Production environments"
            hint="Known production values; values on neither list are flagged “unmapped”."
            isWide
            {...p}
          />
          <Field name="teamTagKey" label="Team tag key" hint="Read by the next sync" {...p} />
          <Field
            name="envTagKey"
            label="Environment tag key"
            hint="The Datadog tag that names a workload's environment; read by the next sync"
            {...p}
          />
          <Field
            name="namespaceTeams"
            label="Namespace → team"
            hint={`One “namespace = team” per line; used when the ${values.teamTagKey} tag is missing.`}
            rows={5}
            isWide
            {...p}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Rules</legend>
        <div className={styles.fields}>
          <Field name="idleCpuThresholdMillicores" label="Idle below CPU p95 (m)" {...p} />
          <Field name="idleCpuRequestMillicores" label="Idle CPU request (m)" {...p} />
          <Field name="idleMemoryMultiplier" label="Idle memory multiplier" hint="× idle (median) memory" {...p} />
          <Field name="cpuP95Multiplier" label="CPU p95 multiplier" {...p} />
          <Field name="memoryPeakMultiplier" label="Memory peak multiplier" hint="Also the peak guard" {...p} />
          <Field name="cpuFloorMillicores" label="CPU floor (m)" {...p} />
          <Field name="memoryFloorMib" label="Memory floor (Mi)" {...p} />
          <Field name="cpuStepAboveMillicores" label="CPU steps above (m)" {...p} />
          <Field name="cpuStepMillicores" label="CPU step (m)" {...p} />
          <Field name="minDataDays" label="Minimum days of data" {...p} />
          <Field name="windowDays" label="Window (days)" hint="Read by the next sync" {...p} />
          <Field name="hoursPerMonth" label="Hours per month" {...p} />
          <Field name="severityMediumPct" label="Medium change from (%)" {...p} />
          <Field name="severityHighPct" label="High change from (%)" {...p} />
          <Field
            name="reopenChangePct"
            label="Reopen a rejected row above (%)"
            hint="When the recommendation moves this much"
            {...p}
          />
          <Field
            name="appliedTolerancePct"
            label="Applied within (± %)"
            hint="Requests this close to the accepted ones"
            {...p}
          />
          <Field
            name="hpaOverrides"
            label="HPA overrides"
            hint="One “cluster/namespace/workload = on|off” per line (optionally cluster/namespace/Kind/workload)."
            rows={3}
            isWide
            {...p}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Node prices</legend>
        <div className={styles.fields}>
          <Field name="defaultPricing.instanceType" label="Default instance type" {...p} />
          <Field name="defaultPricing.vcpu" label="vCPU" {...p} />
          <Field name="defaultPricing.memoryGib" label="Memory (GiB)" {...p} />
          <Field name="defaultPricing.hourlyUsd" label="$ per hour" {...p} />
          <Field
            name="defaultPricing.vcpuHourUsd"
            label="$ per vCPU-hour (optional)"
            hint="With $/GiB-hour, instead of splitting the hourly price"
            {...p}
          />
          <Field name="defaultPricing.gibHourUsd" label="$ per GiB-hour (optional)" {...p} />
        </div>
        <p className="muted">Per cluster (blank = the default above):</p>
        <div className="table-scroll">
          <table className="data" aria-label="Clusters">
            <thead>
              <tr>
                <th>Cluster</th>
                {CLUSTER_FIELDS.map(([field, label]) => (
                  <th key={label}>{field === "environment" ? `${label} (when no ${values.envTagKey} tag)` : label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row?.name ?? "new"}>
                  <td className={styles.clusterName}>
                    {row ? (
                      <>
                        {row.name}
                        <input type="hidden" name={`cluster.${i}.name`} value={row.name} />
                      </>
                    ) : (
                      <input
                        name={`cluster.${i}.name`}
                        aria-label="New cluster name"
                        defaultValue={cell(i, "name")}
                        placeholder="another cluster"
                      />
                    )}
                  </td>
                  {CLUSTER_FIELDS.map(([field, label]) => (
                    <td key={field}>
                      <input
                        name={`cluster.${i}.${field}`}
                        aria-label={`${label} of ${row?.name ?? "the new cluster"}`}
                        defaultValue={cell(i, field)}
                        aria-invalid={errors[`cluster.${i}.${field}`] ? true : undefined}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {clusterErrors.map(([key, message]) => (
          <p key={key} className={styles.fieldError}>
            {rows[Number(key.split(".")[1])]?.name ?? "New cluster"} ·{" "}
            {CLUSTER_FIELDS.find(([f]) => f === key.split(".")[2])?.[1] ?? key.split(".")[2]}: {message}
          </p>
        ))}
      </fieldset>
      <div className={styles.actions}>
        <button className="button" type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save rightsizing settings"}
        </button>
      </div>
    </form>
  );
}
