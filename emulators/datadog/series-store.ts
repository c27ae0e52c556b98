// Where the emulator's data comes from: a store of source series (one per full tag set, e.g. one per
// pod × container), each able to list its raw samples in a time range. Two stores exist: the demo
// company (computed on demand, see demo-series.ts) and a static dataset injected by tests.
import type { UnitName, UnitPair } from "./units";
import { getMetricUnit } from "./units";

export type Tags = Readonly<Record<string, string>>;

/** Calls `visit(t, value)` for each raw sample with from ≤ t ≤ to (seconds), in time order. */
export type SampleReader = (fromSec: number, toSec: number, visit: (t: number, value: number) => void) => void;

export type SourceSeries = { tags: Tags; read: SampleReader };

export type SeriesStore = {
  listSeries(metric: string): readonly SourceSeries[];
  getUnit(metric: string): UnitPair;
};

/** A hand-made dataset for tests: raw points per source series. Times in seconds. */
export type StaticDataset = {
  metrics: Record<
    string,
    {
      /** Unit name (`nanocore`, `core`, `byte`), null for none; omitted: Datadog's documented unit. */
      unit?: UnitName | null;
      series: { tags: Record<string, string>; points: readonly (readonly [number, number])[] }[];
    }
  >;
};

export function createStaticStore(dataset: StaticDataset): SeriesStore {
  const byMetric = new Map<string, SourceSeries[]>();
  for (const [metric, entry] of Object.entries(dataset.metrics)) {
    byMetric.set(
      metric,
      entry.series.map(({ tags, points }) => {
        const sorted = [...points].sort((a, b) => a[0] - b[0]);
        const read: SampleReader = (fromSec, toSec, visit) => {
          for (const [t, value] of sorted) if (t >= fromSec && t <= toSec) visit(t, value);
        };
        return { tags: { ...tags }, read };
      }),
    );
  }
  return {
    listSeries: (metric) => byMetric.get(metric) ?? [],
    getUnit: (metric) => getMetricUnit(metric, dataset.metrics[metric]?.unit),
  };
}
