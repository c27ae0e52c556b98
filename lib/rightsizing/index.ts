// Public API of the rightsizing engine (pure: no database, no React, no I/O), with the settings it runs on.
export type * from "./types";
export { containerUsageSchema, FLAGS } from "./types";
export {
  defaultRightsizingSettings,
  parseRightsizingSettings,
  rightsizingSettingsSchema,
} from "@/lib/settings/rightsizing";
export { recommendRequests } from "./recommend";
export { getUnitPrices } from "./pricing";
export { summarizeRecommendations, toRightsizingRows } from "./summarize";
export type { RightsizingTotals, TeamTotals } from "./summarize";
export {
  RIGHTSIZING_CSV_COLUMNS,
  RIGHTSIZING_CSV_NUMBER_COLUMNS,
  toMarkdownTable,
  toRightsizingCsvRows,
} from "./table-formatters";
export { toKubectlCommands, toYaml } from "./manifest-formatters";
