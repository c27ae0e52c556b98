// Bundles the command line (scripts/costwise.ts: serve, migrate, sync, digest, export, health) into the standalone
// output, so the image runs it with plain `node` and no TypeScript loader: .next/standalone/costwise.mjs.
// Run after `next build` (npm run build does both). Usage: tsx scripts/build-cli.ts
import { build } from "esbuild";
import path from "node:path";

export const STANDALONE_DIR = ".next/standalone";
export const CLI_ENTRY = "costwise.mjs";

/**
 * Left out of the bundle and loaded from the standalone node_modules: `next` must be the very copy the built
 * server was traced with, and PGlite loads its wasm and data files from beside its own code.
 */
const EXTERNAL = [
  "next",
  "next/*",
  "@electric-sql/pglite",
  "@electric-sql/pglite/*",
  "pglite-prisma-adapter",
  "pg-native", // pg's optional native binding, never installed
];

export async function buildCli(outDir = STANDALONE_DIR): Promise<void> {
  await build({
    entryPoints: { costwise: "scripts/costwise.ts" },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true, // each command is its own chunk, loaded only when run
    chunkNames: "cli/[name]-[hash]",
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    tsconfig: "tsconfig.json",
    logLevel: "warning",
    legalComments: "none",
    // The bundled CommonJS packages (pg, the AWS SDK, @next/env…) use require and __dirname; ESM has neither.
    banner: {
      js: [
        'import { createRequire as __cwRequire } from "node:module";',
        'import { fileURLToPath as __cwFileUrlToPath } from "node:url";',
        "const require = __cwRequire(import.meta.url);",
        "const __filename = __cwFileUrlToPath(import.meta.url);",
        'const __dirname = __cwFileUrlToPath(new URL(".", import.meta.url));',
      ].join(" "),
    },
  });
}

if (import.meta.url === `file://${path.resolve(process.argv[1] ?? "")}`) {
  await buildCli();
  process.stdout.write(`Bundled the command line into ${STANDALONE_DIR}/${CLI_ENTRY}\n`);
}
