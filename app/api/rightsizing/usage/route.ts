// One container's hourly usage for its chart. GET /api/rightsizing/usage?cluster&namespace&workloadKind&workload&container → { hours }.
import { getRequestAccess } from "@/lib/access/next";
import { getDb } from "@/lib/db/client";
import { badInput } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { parseSearchParams } from "@/lib/search-params";
import { getUsageHours } from "@/lib/pages/rightsizing";
import { containerKeySchema } from "@/lib/rightsizing/table-query";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const key = parseSearchParams(containerKeySchema, new URL(request.url).searchParams);
    if (!key.ok) throw badInput(`Name the container: ${key.problems.join("; ")}`);
    const hours = await getUsageHours(await getDb(), await getRequestAccess(request), key.value);
    return Response.json({ hours });
  } catch (err) {
    return errorResponse(err);
  }
}
