// The container image without Docker: reads the Dockerfile's runtime stage and lays out, in a folder, exactly
// the files its `COPY --from=build` lines copy, so a test can start the app the way the image's entry point does.
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export type ImageStage = {
  workdir: string;
  env: Record<string, string>;
  /** `COPY --from=build <from> <to>`: from is relative to the build stage's folder, to to the workdir. */
  copies: { from: string; to: string }[];
  entrypoint: string[];
  cmd: string[];
  user: string | undefined;
  healthcheck: string[] | undefined;
};

/** The last stage of a Dockerfile: its WORKDIR, ENV, COPY --from=build, USER, HEALTHCHECK, ENTRYPOINT and CMD. */
export function readImageStage(dockerfile = "Dockerfile", buildDir = "/src"): ImageStage {
  const lines = readFileSync(dockerfile, "utf8")
    .replace(/\\\n/g, " ") // continuation lines
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const lastFrom = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  const stage: ImageStage = {
    workdir: "/",
    env: {},
    copies: [],
    entrypoint: [],
    cmd: [],
    user: undefined,
    healthcheck: undefined,
  };
  for (const line of lines.slice(lastFrom + 1)) {
    const [instruction = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    switch (instruction.toUpperCase()) {
      case "WORKDIR":
        stage.workdir = args;
        break;
      case "ENV":
        for (const pair of rest) {
          const eq = pair.indexOf("=");
          if (eq < 1) throw new Error(`ENV ${pair}: write ENV KEY=value`);
          stage.env[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        break;
      case "COPY": {
        const fromBuild = rest.find((a) => a.startsWith("--from="));
        const paths = rest.filter((a) => !a.startsWith("--"));
        if (fromBuild !== "--from=build" || paths.length !== 2)
          throw new Error(`The runtime stage copies only from the build stage, one path at a time: ${line}`);
        stage.copies.push({ from: path.posix.relative(buildDir, paths[0]!) || ".", to: paths[1]! });
        break;
      }
      case "USER":
        stage.user = args;
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD ") + 4)) as string[];
        break;
      case "ENTRYPOINT":
        stage.entrypoint = JSON.parse(args) as string[];
        break;
      case "CMD":
        stage.cmd = JSON.parse(args) as string[];
        break;
    }
  }
  return stage;
}

/** Copies what the image's runtime stage copies from the project folder into `dir` (the image's workdir). */
export function layOutImage(stage: ImageStage, projectDir: string, dir: string): void {
  for (const { from, to } of stage.copies) {
    const src = path.join(projectDir, from);
    if (!statSync(src, { throwIfNoEntry: false })) throw new Error(`The image copies ${from}, which the build lacks`);
    const dest = path.join(dir, to);
    mkdirSync(dest, { recursive: true });
    cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  }
}

/** Every file under dir with its size and modification time, to see what a run wrote. */
export function listFiles(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (skip(r)) continue;
      if (e.isDirectory()) walk(r);
      else {
        const st = statSync(path.join(dir, r), { throwIfNoEntry: false });
        files.set(r, st ? `${st.size}:${st.mtimeMs}` : "dangling link");
      }
    }
  };
  walk("");
  return files;
}

/** The writable paths the Dockerfile documents (its `#   /path  why` lines); everything else is read-only. */
export function readWritablePaths(dockerfile = "Dockerfile"): string[] {
  return [...readFileSync(dockerfile, "utf8").matchAll(/^#\s{3}(\/\S+)\s/gm)].map((m) => m[1]!);
}
