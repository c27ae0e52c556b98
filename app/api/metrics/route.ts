// Prometheus metrics. GET /api/metrics → the text exposition format; with COSTWISE_METRICS_TOKEN set, only for
// `Authorization: Bearer <token>` (401 otherwise). README, Operating: what each metric means and what to alert on.
import { createHash, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http";
import { getMetrics } from "@/lib/pages/metrics";
import { formatPrometheus, PROMETHEUS_CONTENT_TYPE } from "@/lib/prometheus";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const { metricsToken: token, auth } = getConfig();
    // Behind sign-in the figures (savings per team, spend on requests) are not for anyone who can reach the port.
    if (!token && auth.mode !== "none") {
      return Response.json(
        {
          error: {
            kind: "forbidden",
            message:
              "Metrics are off while sign-in is on and no COSTWISE_METRICS_TOKEN is set: set one for Prometheus.",
          },
        },
        { status: 403 },
      );
    }
    if (token && !isBearer(request.headers.get("authorization"), token)) {
      return Response.json(
        {
          error: {
            kind: "unauthenticated",
            message: "Send the metrics token: Authorization: Bearer <COSTWISE_METRICS_TOKEN>",
          },
        },
        { status: 401, headers: { "www-authenticate": 'Bearer realm="costwise-metrics"' } },
      );
    }
    const body = formatPrometheus(await getMetrics(await getDb()));
    return new Response(body, { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function isBearer(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(token));
}
