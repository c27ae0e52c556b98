// One container's hourly usage for its chart. GET /api/rightsizing/usage?cluster&namespace&workloadKind&workload&container → { hours }.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { listUsageHours } from "@/lib/rightsizing/read";

export const dynamic = "force-dynamic";

const name = z.string().min(1, "required").max(253);
const schema = z.object({ cluster: name, namespace: name, workloadKind: name, workload: name, container: name });

export async function GET(request: Request) {
  try {
    const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      throw new AppError(
        "bad-input",
        `Name the container: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`,
      );
    }
    return Response.json({ hours: await listUsageHours(await getDb(), parsed.data) });
  } catch (err) {
    return errorResponse(err);
  }
}
