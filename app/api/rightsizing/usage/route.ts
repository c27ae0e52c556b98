// One container's hourly usage for its chart. GET /api/rightsizing/usage?cluster&namespace&workloadKind&workload&container → { hours }.
import { getDb } from "@/lib/db/client";
import { badInput } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { parseSearchParams } from "@/lib/search-params";
import { listUsageHours } from "@/lib/rightsizing/read";
import { containerKeySchema } from "@/lib/rightsizing/table-query";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const key = parseSearchParams(containerKeySchema, new URL(request.url).searchParams);
    if (!key.ok) throw badInput(`Name the container: ${key.problems.join("; ")}`);
    return Response.json({ hours: await listUsageHours(await getDb(), key.value) });
  } catch (err) {
    return errorResponse(err);
  }
}
