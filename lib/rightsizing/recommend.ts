// The rightsizing rules (docs/rules.md, Rightsizing): one container's usage in, one explained recommendation
// out. Pure: no clock, no I/O; settings are passed in so changes apply at once.
import { bytesToMib, formatForReason as f, mibToBytes, roundCpuUpMillicores, roundMemoryUpMib } from "./quantities";
import { resolveEnvironment, resolveHpa, resolveTeam } from "./resolve-context";
import type { RightsizingSettings } from "@/lib/settings/rightsizing";
import { FLAGS } from "./types";
import type {
  ContainerUsage,
  Direction,
  Flag,
  HpaSource,
  Recommendation,
  RecommendationParameters,
  RequestChange,
  ResolvedEnvironment,
  ResourceValues,
  Severity,
} from "./types";

type Step = { value: number; text: string };

export function recommendRequests(usage: ContainerUsage, settings: RightsizingSettings): Recommendation {
  const environment = resolveEnvironment(usage, settings);
  const team = resolveTeam(usage, settings);
  const hpa = resolveHpa(usage, settings);
  const current: ResourceValues = {
    cpuRequest: usage.requests.cpu,
    cpuLimit: usage.limits.cpu,
    memoryRequest: usage.requests.memory,
    memoryLimit: usage.limits.memory,
  };
  const flags = new Set<Flag>();
  const notes: string[] = [];
  const base = { environment, team, hpa, current, parameters: toParameters(settings) };

  // Too few days of samples: no recommendation, and the reason says so.
  if (usage.dataDays < settings.minDataDays) {
    flags.add("insufficient-data");
    addContextNotes(usage, environment, hpa.isScaled, hpa.source, flags, notes, settings.envTagKey);
    const days = usage.dataDays === 1 ? "day" : "days";
    const head = `insufficient data: ${f(usage.dataDays)} ${days} of samples, at least ${f(settings.minDataDays)} needed; no recommendation`;
    return {
      ...base,
      rule: "insufficient-data",
      recommended: null,
      change: null,
      direction: "none",
      severity: "none",
      flags: orderFlags(flags),
      isInSavingsTotals: false,
      reason: [head, ...notes].join("; "),
    };
  }

  // The idle rule only on the explicit non-production list, with CPU p95 strictly below the threshold.
  const isIdle = !environment.isProduction && usage.cpu.p95 < settings.idleCpuThresholdMillicores;
  const cpu = isIdle ? idleCpu(settings) : usageCpu(usage, settings);
  const memory = recommendMemory(usage, settings, isIdle, flags, notes);

  // Limits never go down automatically. CPU limit is "unchanged", except that a request above
  // its limit is rejected by Kubernetes, so a limit below the new request is raised to it (our decision).
  const cpuLimit = current.cpuLimit === null ? null : Math.max(current.cpuLimit, cpu.value);
  if (cpuLimit !== null && current.cpuLimit !== null && cpuLimit > current.cpuLimit) {
    flags.add("limit-raised");
    notes.push(`CPU limit raised to ${cpuLimit}m (a request above its limit is invalid)`);
  }
  // Memory limit = max(current limit, new memory request); no limit stays none.
  const memoryLimit = current.memoryLimit === null ? null : Math.max(current.memoryLimit, memory.value);
  if (memoryLimit !== null && current.memoryLimit !== null && memoryLimit > current.memoryLimit) {
    flags.add("limit-raised");
    notes.push(`memory limit raised to ${f(bytesToMib(memoryLimit))}Mi (never below the request)`);
  }

  // Under-provisioned: p95 above the CPU request, or peak above the memory request.
  if (current.cpuRequest !== null && usage.cpu.p95 > current.cpuRequest) {
    flags.add("under-provisioned");
    notes.push(`under-provisioned: CPU p95 ${f(usage.cpu.p95)}m above request ${f(current.cpuRequest)}m`);
  }
  if (current.memoryRequest !== null && usage.memory.peak > current.memoryRequest) {
    flags.add("under-provisioned");
    notes.push(
      `under-provisioned: memory peak ${f(bytesToMib(usage.memory.peak))}Mi above request ${f(bytesToMib(current.memoryRequest))}Mi`,
    );
  }
  addContextNotes(usage, environment, hpa.isScaled, hpa.source, flags, notes, settings.envTagKey);

  const recommended: ResourceValues = {
    cpuRequest: cpu.value,
    cpuLimit,
    memoryRequest: memory.value,
    memoryLimit,
  };
  const change = toChange(current, recommended);
  const direction = toDirection(change);
  const head = `${describeRule(isIdle, environment, usage, settings)}: ${cpu.text}; ${memory.text}`;
  return {
    ...base,
    rule: isIdle ? "idle-non-production" : "usage-based",
    recommended,
    change,
    direction,
    severity: toSeverity(change, direction, settings.severity),
    flags: orderFlags(flags),
    isInSavingsTotals: !hpa.isScaled, // HPA-scaled: left out of savings totals
    reason: [head, ...notes].join("; "),
  };
}

function describeRule(
  isIdle: boolean,
  environment: ResolvedEnvironment,
  usage: ContainerUsage,
  settings: RightsizingSettings,
): string {
  const env = environment.value ?? "no environment";
  const p95 = `CPU p95 ${f(usage.cpu.p95)}m`;
  if (isIdle) return `idle non-production (${env}, ${p95} < ${f(settings.idleCpuThresholdMillicores)}m)`;
  if (environment.isProduction) return env.toLowerCase() === "production" ? "production" : `production (${env})`;
  return `busy non-production (${env}, ${p95} ≥ ${f(settings.idleCpuThresholdMillicores)}m)`;
}

// Idle non-production: the idle CPU request (10m), never below the CPU floor (10m).
function idleCpu(settings: RightsizingSettings): Step {
  const wanted = roundCpuUpMillicores(
    settings.idleCpuRequestMillicores,
    settings.cpuStepAboveMillicores,
    settings.cpuStepMillicores,
  );
  const value = Math.max(settings.cpuFloorMillicores, wanted);
  const floorText = value > wanted ? ` → floor ${value}m` : "";
  return { value, text: `CPU ${wanted}m${floorText}` };
}

// Production and busy non-production: CPU request = p95 × 1.2, rounded up, then floored.
function usageCpu(usage: ContainerUsage, settings: RightsizingSettings): Step {
  const rounded = roundCpuUpMillicores(
    usage.cpu.p95 * settings.cpuP95Multiplier,
    settings.cpuStepAboveMillicores,
    settings.cpuStepMillicores,
  );
  const value = Math.max(settings.cpuFloorMillicores, rounded);
  const floorText = value > rounded ? ` → floor ${value}m` : "";
  return { value, text: `CPU = p95 ${f(usage.cpu.p95)}m × ${settings.cpuP95Multiplier} = ${rounded}m${floorText}` };
}

function recommendMemory(
  usage: ContainerUsage,
  settings: RightsizingSettings,
  isIdle: boolean,
  flags: Set<Flag>,
  notes: string[],
): Step {
  const floor = settings.memoryFloorMib;
  const idleMib = bytesToMib(usage.memory.idle);
  const peakMib = bytesToMib(usage.memory.peak);
  // Idle non-production: idle memory × 1.3; otherwise peak × 1.15.
  const [label, basisMib, multiplier] = isIdle
    ? ["idle", idleMib, settings.idleMemoryMultiplier]
    : ["peak", peakMib, settings.memoryPeakMultiplier];
  const rounded = roundMemoryUpMib(basisMib * multiplier);
  const ruleMib = Math.max(floor, rounded);
  const floorText = ruleMib > rounded ? ` → floor ${ruleMib}Mi` : "";
  const text = `memory = ${label} ${f(basisMib)}Mi × ${multiplier} = ${rounded}Mi${floorText}`;

  // Peak guard, everywhere: never below peak working set × 1.15, and say so.
  const guardMib = Math.max(floor, roundMemoryUpMib(peakMib * settings.memoryPeakMultiplier));
  let valueBytes = mibToBytes(ruleMib);
  if (guardMib > ruleMib) {
    valueBytes = mibToBytes(guardMib);
    flags.add("peak-guard-raised");
    notes.push(`peak guard: memory raised to peak ${f(peakMib)}Mi × ${settings.memoryPeakMultiplier} = ${guardMib}Mi`);
  }

  // OOM-killed in the window: the memory request does not go down; warning on the row.
  if (usage.oomKills > 0) {
    flags.add("oom");
    const currentBytes = usage.requests.memory;
    if (currentBytes !== null && currentBytes > valueBytes) {
      valueBytes = currentBytes;
      notes.push(
        `OOM-killed ${usage.oomKills}× in the window: memory request kept at ${f(bytesToMib(currentBytes))}Mi, not lowered`,
      );
    } else {
      notes.push(`OOM-killed ${usage.oomKills}× in the window: memory is not lowered`);
    }
  }
  return { value: valueBytes, text };
}

// Flags and notes that do not depend on the rule: HPA, young, no request, unmapped environment.
function addContextNotes(
  usage: ContainerUsage,
  environment: ResolvedEnvironment,
  isHpaScaled: boolean,
  hpaSource: HpaSource,
  flags: Set<Flag>,
  notes: string[],
  envTagKey: string,
): void {
  if (usage.oomKills > 0 && !flags.has("oom")) {
    flags.add("oom");
    notes.push(`OOM-killed ${usage.oomKills}× in the window`);
  }
  // A container with no request counts as 0 and is flagged.
  const missing = [usage.requests.cpu === null ? "CPU" : null, usage.requests.memory === null ? "memory" : null]
    .filter((x) => x !== null)
    .join(" and ");
  if (missing) {
    flags.add("no-request");
    notes.push(`no ${missing} request set (counted as 0)`);
  }
  if (isHpaScaled) {
    flags.add("hpa");
    notes.push(`HPA-scaled (${hpaSource}): replicas follow the requests, so it is left out of savings totals`);
  }
  // Younger than the window: flagged "young".
  if (usage.firstSeen > usage.windowStart) {
    flags.add("young");
    notes.push(`young: first seen ${usage.firstSeen}, after the window start ${usage.windowStart}`);
  }
  if (environment.isUnmapped) {
    flags.add("unmapped-environment");
    notes.push(
      environment.value === null
        ? `no environment (no ${envTagKey} tag, no cluster mapping): treated as production`
        : `environment "${environment.value}" is on neither list: treated as production`,
    );
  }
}

function toChange(current: ResourceValues, recommended: ResourceValues): RequestChange {
  const cpuNow = current.cpuRequest ?? 0; // no request counts as 0
  const memoryNow = current.memoryRequest ?? 0;
  const cpuMillicores = (recommended.cpuRequest ?? 0) - cpuNow;
  const memoryBytes = (recommended.memoryRequest ?? 0) - memoryNow;
  return {
    cpuMillicores,
    cpuPct: cpuNow > 0 ? (cpuMillicores / cpuNow) * 100 : null,
    memoryBytes,
    memoryPct: memoryNow > 0 ? (memoryBytes / memoryNow) * 100 : null,
  };
}

// A row that raises either request is a raise (it needs attention and is shown apart), even
// when the other request goes down; a cut lowers at least one request and raises none.
function toDirection(change: RequestChange): Direction {
  if (change.cpuMillicores > 0 || change.memoryBytes > 0) return "raise";
  if (change.cpuMillicores < 0 || change.memoryBytes < 0) return "cut";
  return "none";
}

// Severity by size of change: the larger relative change of the two requests. Defaults: low below 20%,
// medium from 20%, high from 50%; a change from no request (no percent) is high.
function toSeverity(
  change: RequestChange,
  direction: Direction,
  thresholds: RightsizingSettings["severity"],
): Severity {
  if (direction === "none") return "none";
  const pcts = [change.cpuMillicores === 0 ? 0 : change.cpuPct, change.memoryBytes === 0 ? 0 : change.memoryPct];
  if (pcts.includes(null)) return "high";
  const largest = Math.max(...pcts.map((p) => Math.abs(p ?? 0)));
  if (largest >= thresholds.highPct) return "high";
  if (largest >= thresholds.mediumPct) return "medium";
  return "low";
}

function orderFlags(flags: Set<Flag>): Flag[] {
  return FLAGS.filter((flag) => flags.has(flag));
}

function toParameters(settings: RightsizingSettings): RecommendationParameters {
  return {
    idleCpuThresholdMillicores: settings.idleCpuThresholdMillicores,
    idleCpuRequestMillicores: settings.idleCpuRequestMillicores,
    idleMemoryMultiplier: settings.idleMemoryMultiplier,
    cpuP95Multiplier: settings.cpuP95Multiplier,
    memoryPeakMultiplier: settings.memoryPeakMultiplier,
    cpuFloorMillicores: settings.cpuFloorMillicores,
    memoryFloorMib: settings.memoryFloorMib,
    cpuStepAboveMillicores: settings.cpuStepAboveMillicores,
    cpuStepMillicores: settings.cpuStepMillicores,
    minDataDays: settings.minDataDays,
  };
}
