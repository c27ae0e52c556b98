// Public API of the rightsizing engine (pure: no database, no React, no I/O).
export type * from "./types";
export { containerUsageSchema, FLAGS } from "./types";
export {
  DEFAULT_INSTANCE_PRICING,
  defaultRightsizingSettings,
  hpaOverrideSchema,
  instancePricingSchema,
  parseRightsizingSettings,
  rightsizingSettingsSchema,
} from "@/lib/settings/rightsizing";
export { resolveEnvironment, resolveHpa, resolveTeam } from "./resolve-context";
export { recommendRequests } from "./recommend";
export {
  CPU_TO_GIB_PRICE_RATIO,
  getUnitPrices,
  monthlySavings,
  OPENCOST_DEFAULT_CPU_HOUR_USD,
  OPENCOST_DEFAULT_RAM_GIB_HOUR_USD,
  splitInstancePrice,
} from "./pricing";
export { summarizeRecommendations, toRightsizingRows, toWorkloadKey } from "./summarize";
export type { RightsizingSummary, RightsizingTotals, SavingsTotals, TeamTotals } from "./summarize";
export { RIGHTSIZING_CSV_COLUMNS, toMarkdownTable, toRightsizingCsvRows } from "./table-formatters";
export { toKubectlCommands, toYaml } from "./manifest-formatters";
export { toCpuQuantity, toMemoryQuantity } from "./quantities";
