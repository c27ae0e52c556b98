// Where the real, published vendor answers live: one copy of each for every test (the sources' parsers and the
// emulators' wire shapes alike), provenance in testing/fixtures/SOURCES.md. Kept byte for byte as published.
import path from "node:path";

export const COST_EXPLORER_FIXTURES = path.join(import.meta.dirname, "fixtures", "cost-explorer");
export const DATADOG_FIXTURES = path.join(import.meta.dirname, "fixtures", "datadog");
export const PRICING_FIXTURES = path.join(import.meta.dirname, "fixtures", "pricing");
