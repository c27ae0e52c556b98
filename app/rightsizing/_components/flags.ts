// How each flag of a row reads on the page, and its badge colour.
import type { Flag } from "@/lib/rightsizing";

export const FLAG_LABELS: Record<Flag, { label: string; tone: "bad" | "warn" | "muted" | ""; title: string }> = {
  "insufficient-data": {
    label: "too little data",
    tone: "muted",
    title: "Fewer days of samples than the minimum: no recommendation",
  },
  "under-provisioned": {
    label: "under-provisioned",
    tone: "bad",
    title: "Usage above the request: the recommendation raises it",
  },
  oom: { label: "OOM-killed", tone: "bad", title: "OOM-killed in the window: memory is not lowered" },
  hpa: { label: "HPA", tone: "", title: "Scaled by an HPA: replicas follow the requests, left out of savings totals" },
  young: { label: "young", tone: "muted", title: "First seen after the window started: fewer samples" },
  "no-request": { label: "no request", tone: "warn", title: "A request is not set: counted as 0" },
  "unmapped-environment": {
    label: "unmapped env",
    tone: "warn",
    title: "Environment on neither list: treated as production",
  },
  "peak-guard-raised": { label: "peak guard", tone: "", title: "Memory raised to peak × multiplier by the peak guard" },
  "limit-raised": { label: "limit raised", tone: "", title: "A limit below the new request was raised to it" },
};
