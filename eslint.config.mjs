import { readdirSync } from "node:fs";
import path from "node:path";
import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The architecture as lint rules (ARCHITECTURE.md, "Layers"): an import across a wall fails `npm run lint` with
// a message naming the wall. eslint-plugin-import's no-restricted-paths does it: it already ships with
// eslint-config-next, resolves the `@/` alias through the TypeScript resolver, and checks static, type-only,
// re-export and dynamic imports alike.

const root = import.meta.dirname;

/**
 * The lib/ folders bottom-up, each with the lib/ folders it may import (the basics at the root of lib/ — config,
 * errors, dates, money, metrics, labels, csv, http — are open to all and import no folder). A folder may import
 * only folders listed above it, so a cycle between folders cannot pass lint.
 */
const LIB_LAYERS = [
  ["db", []],
  ["audit", ["db"]], // the audit trail: who changed what, who was refused
  ["access", ["db", "audit"]], // who is asking (identity) and what they may see and change
  ["settings", ["db"]], // the setting documents: schemas, defaults, validation, the store
  ["sync", ["db"]], // the engine: runSync, the SyncSource contract, runs, lock, schedule
  ["cli", ["db"]],
  ["tags", ["db", "settings"]], // rules, pure: read settings, never the reports
  ["rightsizing", ["db", "settings"]],
  ["aws", ["db", "sync"]], // sources: implement SyncSource, know their vendor
  ["datadog", ["db", "sync", "settings", "rightsizing"]],
  ["reports", ["db", "settings", "sync", "tags"]],
  ["savings", ["db", "settings", "tags", "rightsizing", "reports"]],
  ["opportunities", ["db", "settings", "tags", "reports", "savings"]], // S3 → Glacier IR, RDS backup retention
  ["slides", ["db", "access", "settings", "tags", "rightsizing", "reports", "savings"]],
  ["commitments", ["db"]], // Savings Plans and RIs: the purchase math (pure) and the reads of what the sync stored
  ["nodes", ["db", "settings", "rightsizing"]], // node types: prices as data, the fit of the recommended requests
  ["digest", ["db", "audit", "settings", "rightsizing"]], // the weekly digest: channels, content, sending, its record
  [
    "exports",
    [
      "db",
      "audit",
      "access",
      "settings",
      "sync",
      "tags",
      "rightsizing",
      "reports",
      "savings",
      "slides",
      "opportunities",
      "commitments",
      "nodes",
    ],
  ],
  ["jobs", ["db", "sync", "aws", "datadog"]], // wires the configured sources to the sync engine
  // One data call per page: what a page shows, read in one function (the page only parses and renders).
  [
    "pages",
    [
      "db",
      "audit",
      "access",
      "settings",
      "sync",
      "tags",
      "rightsizing",
      "reports",
      "savings",
      "slides",
      "opportunities",
      "commitments",
      "nodes",
      "exports",
      "jobs",
      "digest",
    ],
  ],
];

/**
 * What a test may import besides its folder's list: a report tested on data that came through a real sync, the
 * deck's cache tested across a real runSync.
 */
const TEST_EXTRAS = { reports: ["aws"], opportunities: ["aws", "sync"], slides: ["sync"] };

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "testing/**", "e2e/**"];
/** Scripts that run the emulators and throwaway databases: the benchmarks and the Playwright server. */
const TEST_SCRIPTS = ["scripts/bench-*.ts", "scripts/e2e-server.ts"];
/** The demo starts the emulators and seeds the demo company from their catalog. */
const DEMO_SCRIPTS = ["scripts/demo.ts", "scripts/demo-*.ts"];

checkLayers();

function checkLayers() {
  const listed = new Set();
  for (const [folder, allowed] of LIB_LAYERS) {
    for (const dep of [...allowed, ...(TEST_EXTRAS[folder] ?? [])]) {
      if (!listed.has(dep)) throw new Error(`eslint.config.mjs: lib/${folder} may import lib/${dep}, listed after it`);
    }
    listed.add(folder);
  }
  const lib = path.join(root, "lib");
  const folders = readdirSync(lib, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => readdirSync(path.join(lib, name), { recursive: true }).some((f) => /\.tsx?$/.test(String(f))));
  const missing = folders.filter((name) => !listed.has(name));
  if (missing.length > 0) {
    throw new Error(`eslint.config.mjs: give ${missing.map((m) => `lib/${m}`).join(", ")} a place in LIB_LAYERS`);
  }
}

function layerZones({ isTest }) {
  const names = LIB_LAYERS.map(([folder]) => folder);
  const basics = {
    target: "lib/*.ts",
    from: names.map((name) => `lib/${name}/**`),
    message: "[layer: lib basics] The files at the root of lib/ are the floor: they import no lib/ folder.",
  };
  return [
    basics,
    ...LIB_LAYERS.map(([folder, allowed]) => {
      const open = new Set([folder, ...allowed, ...(isTest ? (TEST_EXTRAS[folder] ?? []) : [])]);
      const list = [...allowed, ...(isTest ? (TEST_EXTRAS[folder] ?? []) : [])];
      return {
        target: `lib/${folder}/**`,
        from: names.filter((name) => !open.has(name)).map((name) => `lib/${name}/**`),
        message:
          `[layer: lib/${folder}] lib/${folder} may import only ` +
          (list.length ? list.map((name) => `lib/${name}`).join(", ") + " and " : "") +
          "the basics at the root of lib/ (ARCHITECTURE.md, Layers). Move what both need a floor down.",
      };
    }),
  ].filter((zone) => zone.from.length > 0);
}

const WALLS = {
  pagesNoVendor: {
    target: "app/**",
    from: ["lib/aws/**", "lib/datadog/**", "emulators/**"],
    message:
      "[wall: pages never call a vendor] app/ may not import lib/aws, lib/datadog or emulators/: read through a lib/ data function.",
  },
  libNoApp: {
    target: "lib/**",
    from: ["app/**"],
    message: "[wall: lib never imports app] lib/ may not import app/: move the shared thing into lib/.",
  },
  emulatorsAlone: {
    target: "emulators/**",
    from: ["lib/**", "app/**"],
    message:
      "[wall: emulators stand alone] An emulator plays the vendor: it imports nothing from lib/ or app/, so a mistake of ours cannot hide on both sides.",
  },
  noTestSupport: {
    target: ["app/**", "lib/**", "emulators/**", "scripts/**"],
    from: ["testing/**"],
    message:
      "[wall: test support only in tests] testing/ is for *.test.ts, testing/, e2e/ and the bench and e2e-server scripts.",
  },
  noEmulator: {
    target: ["app/**", "lib/**", "scripts/**"],
    from: ["emulators/**"],
    message:
      "[wall: no emulator in shipped code] emulators/ is for tests, testing/ and the demo, bench and e2e-server scripts.",
  },
};

function boundaries(zones) {
  return { "import/no-restricted-paths": ["error", { basePath: root, zones }] };
}

const shared = [WALLS.pagesNoVendor, WALLS.libNoApp, WALLS.emulatorsAlone];

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      // Downloads come from route handlers (/api/export/…): a plain <a download> is right there.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    name: "costwise/boundaries: shipped code",
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: [...TESTS, ...TEST_SCRIPTS, ...DEMO_SCRIPTS],
    rules: boundaries([...shared, WALLS.noTestSupport, WALLS.noEmulator, ...layerZones({ isTest: false })]),
  },
  {
    name: "costwise/boundaries: demo scripts",
    files: DEMO_SCRIPTS,
    rules: boundaries([...shared, WALLS.noTestSupport]),
  },
  {
    name: "costwise/boundaries: bench and e2e-server scripts",
    files: TEST_SCRIPTS,
    rules: boundaries(shared),
  },
  {
    name: "costwise/boundaries: tests and test support",
    files: TESTS,
    rules: boundaries([...shared, ...layerZones({ isTest: true })]),
  },
  {
    // One import style in the domain, the emulators, the scripts and the test support: `@/` across folders,
    // `./` within one, so a file reads the same wherever it moves.
    name: "costwise/import-style",
    files: ["lib/**", "emulators/**", "scripts/**", "testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../*"], message: "[import style] Import across folders with `@/…`; `./` only within one." },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "generated/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
