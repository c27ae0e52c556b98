// Datadog unit objects as they appear in query responses (`unit: [unit, per_unit]`).
// `core` and `byte` are copied from recorded responses (testing/fixtures/SOURCES.md); `nanocore` from a
// published test template of a Datadog metrics client (same fields; its id could not be checked).

export type MetricUnit = {
  family: string;
  name: string;
  plural: string;
  scale_factor: number;
  short_name: string | null;
  id: number;
};
/** `[unit, per_unit]`, or null for unitless metrics (as in the recorded v2 response). */
export type UnitPair = readonly [MetricUnit | null, MetricUnit | null] | null;

export const UNITS = {
  nanocore: { family: "cpu", name: "nanocore", plural: "nanocores", scale_factor: 1e-9, short_name: "ncores", id: 121 },
  core: { family: "cpu", name: "core", plural: "cores", scale_factor: 1.0, short_name: null, id: 31 },
  byte: { family: "bytes", name: "byte", plural: "bytes", scale_factor: 1.0, short_name: "B", id: 2 },
} as const satisfies Record<string, MetricUnit>;

export type UnitName = keyof typeof UNITS;

/** Units Datadog documents for the Kubernetes metrics the emulator serves (integrations-core metadata.csv). */
const METRIC_UNITS: Readonly<Record<string, UnitName>> = {
  "kubernetes.cpu.usage.total": "nanocore",
  "kubernetes.cpu.requests": "core",
  "kubernetes.cpu.limits": "core",
  "kubernetes.memory.working_set": "byte",
  "kubernetes.memory.usage": "byte",
  "kubernetes.memory.requests": "byte",
  "kubernetes.memory.limits": "byte",
};

export function getMetricUnit(metric: string, override?: UnitName | null): UnitPair {
  const name = override === undefined ? METRIC_UNITS[metric] : override;
  return name ? [UNITS[name], null] : null;
}
