// A tiny hand-made dataset whose answers are computed by hand in the tests (evaluator and server).
import type { StaticDataset } from "@/emulators/datadog/series-store";

/**
 * test.gauge, seconds → value:
 *   A {app:web, pod_name:a, env:prod}: 540→999 (before the first 600 s bucket), 600→1, 900→3, 1200→10, 1500→20
 *   B {app:web, pod_name:b, env:prod}: 600→5, 900→7, 1200→4
 *   C {app:db,  pod_name:c}          : 600→100, 1800→50
 * Queried from 500 to 1800 with 600 s buckets: buckets start at 600, 1200, 1800.
 */
export const TEST_DATASET: StaticDataset = {
  metrics: {
    "test.gauge": {
      unit: "core",
      series: [
        {
          tags: { app: "web", pod_name: "a", env: "prod" },
          points: [
            [540, 999],
            [600, 1],
            [900, 3],
            [1200, 10],
            [1500, 20],
          ],
        },
        {
          tags: { app: "web", pod_name: "b", env: "prod" },
          points: [
            [600, 5],
            [900, 7],
            [1200, 4],
          ],
        },
        {
          tags: { app: "db", pod_name: "c" },
          points: [
            [600, 100],
            [1800, 50],
          ],
        },
      ],
    },
  },
};
export const TEST_FROM = 500;
export const TEST_TO = 1800;
