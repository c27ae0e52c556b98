// Usage model of the demo clusters: every sample is a pure function of (seed, timestamp), so any
// window can be computed on demand without storing raw samples (size 10 would need gigabytes).

export const SAMPLE_SECONDS = 300;
export const MI = 1024 * 1024;

/** 32-bit integer hash of two numbers (murmur3 finaliser); the basis of every "random" sample. */
export function hash32(seed: number, k: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) + (k | 0)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) for (seed, k). */
export function unit01(seed: number, k: number): number {
  return hash32(seed, k) / 4294967296;
}

/** Seeded PRNG (mulberry32) for building the catalog; the same seed always gives the same company. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stable 32-bit seed from a string (FNV-1a). */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Traffic follows US business hours: lowest ~06:00 UTC, highest ~18:00 UTC; weekends at 60%.
const SLOTS_PER_DAY = 86400 / SAMPLE_SECONDS;
const DAILY_LOAD = Array.from({ length: SLOTS_PER_DAY }, (_, slot) => {
  const hour = (slot * SAMPLE_SECONDS) / 3600;
  return 0.6 - 0.4 * Math.cos(((hour - 6) / 24) * 2 * Math.PI);
});

/** Relative traffic at time t (seconds): in (0.12, 1]. */
export function loadAt(t: number): number {
  const slot = Math.floor((t % 86400) / SAMPLE_SECONDS);
  const weekday = (Math.floor(t / 86400) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return (DAILY_LOAD[slot] ?? 1) * weekend;
}

/** How a container uses CPU (cores) and memory (bytes) over time. */
export type UsageProfile =
  // Serves traffic: CPU follows the daily load with noise and rare spikes; memory nearly flat.
  | { kind: "steady"; cpuCores: number; memoryBytes: number }
  // Does nothing most of the time (1–15m), with occasional visits; memory flat.
  | { kind: "idle"; cpuCores: number; memoryBytes: number; visitProbability: number; visitCores: number }
  // Leaks memory from startBytes up to killBytes over periodSeconds, is OOM-killed there, and restarts.
  | {
      kind: "leak";
      cpuCores: number;
      startBytes: number;
      killBytes: number;
      periodSeconds: number;
      phaseSeconds: number;
    }
  // Scaled by an HPA that keeps CPU near its target: per-pod CPU is roughly constant.
  | { kind: "autoscaled"; cpuCores: number; memoryBytes: number }
  // A batch job: busy for the whole life of its short pod, memory rising during the run.
  | { kind: "batch"; cpuCores: number; memoryBytes: number };

export type Sampler = (t: number) => number;

/** CPU usage in nanocores at sample time t (Datadog's kubernetes.cpu.usage.total unit). */
export function createCpuSampler(profile: UsageProfile, seed: number): Sampler {
  const base = profile.cpuCores * 1e9;
  const noiseSeed = seed ^ 0x5bd1e995;
  const eventSeed = seed ^ 0x1b873593;
  switch (profile.kind) {
    case "steady":
      return (t) => {
        const k = t / SAMPLE_SECONDS;
        const noise = 0.8 + 0.4 * unit01(noiseSeed, k);
        const spike = unit01(eventSeed, k) < 0.004 ? 2.2 : 1;
        return base * (0.25 + 0.75 * loadAt(t)) * noise * spike;
      };
    case "idle": {
      const visit = profile.visitCores * 1e9;
      return (t) => {
        const k = t / SAMPLE_SECONDS;
        const noise = 0.6 + 0.8 * unit01(noiseSeed, k);
        if (unit01(eventSeed, k) < profile.visitProbability) return visit * (0.5 + unit01(eventSeed ^ 7, k));
        return base * noise;
      };
    }
    case "autoscaled":
      return (t) => base * (0.85 + 0.25 * unit01(noiseSeed, t / SAMPLE_SECONDS));
    case "leak":
    case "batch":
      return (t) => base * (0.7 + 0.5 * unit01(noiseSeed, t / SAMPLE_SECONDS)) * (0.6 + 0.4 * loadAt(t));
  }
}

/** Memory working set in bytes at sample time t, for a pod started at podStart (seconds). */
export function createMemorySampler(profile: UsageProfile, seed: number, podStart: number): Sampler {
  const noiseSeed = seed ^ 0x27d4eb2f;
  switch (profile.kind) {
    case "steady":
    case "autoscaled": {
      const m = profile.memoryBytes;
      return (t) => m * (0.93 + 0.05 * loadAt(t) + 0.02 * unit01(noiseSeed, t / SAMPLE_SECONDS));
    }
    case "idle": {
      const m = profile.memoryBytes;
      return (t) => m * (0.99 + 0.02 * unit01(noiseSeed, t / SAMPLE_SECONDS));
    }
    case "leak": {
      const { startBytes, killBytes, periodSeconds, phaseSeconds } = profile;
      return (t) => {
        const phase = ((t - podStart + phaseSeconds) % periodSeconds) / periodSeconds;
        // Reaches at most ~99.5% of the kill point on a sample; the kill happens between samples.
        return (
          startBytes + (killBytes - startBytes) * phase * 0.995 * (0.99 + 0.01 * unit01(noiseSeed, t / SAMPLE_SECONDS))
        );
      };
    }
    case "batch": {
      const m = profile.memoryBytes;
      return (t) => m * Math.min(1, 0.4 + (t - podStart) / 3600);
    }
  }
}

/** OOM kills of a container since its pod started, as of time t (only "leak" profiles are killed). */
export function countOomKills(profile: UsageProfile, podStart: number, t: number): number {
  if (profile.kind !== "leak" || t < podStart) return 0;
  return Math.floor((t - podStart + profile.phaseSeconds) / profile.periodSeconds);
}

/** Time of the first OOM kill of a pod started at podStart, or null if the profile never leaks. */
export function getFirstOomKill(profile: UsageProfile, podStart: number): number | null {
  if (profile.kind !== "leak") return null;
  return podStart + profile.periodSeconds - profile.phaseSeconds;
}

/** HPA desired replicas at time t: follows the load, decided once an hour (no flapping). */
export function getAutoscaledReplicas(t: number, minReplicas: number, maxReplicas: number): number {
  const hour = Math.floor(t / 3600) * 3600;
  const wanted = minReplicas + Math.round(((maxReplicas - minReplicas) * (loadAt(hour) - 0.15)) / 0.85);
  return Math.max(minReplicas, Math.min(maxReplicas, wanted));
}
