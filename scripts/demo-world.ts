// The demo company's world: local emulators of AWS Cost Explorer and Datadog on free ports, and the
// environment that points the real SDK clients at them. Used by `npm run demo` and the e2e server.
import type { Db } from "@/lib/db/types";

export type DemoWorld = {
  /** Environment variables that point Costwise at the emulators (set them before parsing the config). */
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startDemoWorld(opts: { now: Date; db: Db; log: (line: string) => void; size?: number }): Promise<DemoWorld> {
  void opts;
  // The Cost Explorer and Datadog emulators plug in here (issues 3 and 4).
  return { env: {}, async close() {} };
}
