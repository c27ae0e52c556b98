// Builds the app when there is no build or a source file changed since the last one (demo, tests).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "public", "next.config.ts", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((m, name) => Math.max(m, newestMtime(path.join(p, name))), st.mtimeMs);
}

export function isBuildFresh(): boolean {
  const id = ".next/BUILD_ID";
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= built);
}

export async function ensureBuild(log: (line: string) => void): Promise<void> {
  if (isBuildFresh()) return;
  log("Building the app (once; later runs reuse the build)…");
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`next build failed (exit ${code}):\n${output.split("\n").slice(-30).join("\n")}`)),
    );
  });
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
