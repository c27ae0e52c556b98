// Downloads a report. GET /api/export/<report>?option=value… → the same bytes as `npm run -s export -- <report> --option value…`.
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { badInput } from "@/lib/errors";
import { getRequestAccess } from "@/lib/access/next";
import { getExport, runExport } from "@/lib/exports/registry";
import { CsvBody } from "@/lib/csv";
import { errorResponse } from "@/lib/http";
import { toSingleParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  try {
    const def = getExport((await params).report);
    const options = toSingleParams(new URL(request.url).searchParams);
    if (!options.ok) throw badInput(options.message);
    const out = await runExport(def, options.value, {
      db: await getDb(),
      now: getNow(),
      access: await getRequestAccess(request),
    });
    const body =
      out.body instanceof CsvBody
        ? out.body.stream()
        : typeof out.body === "string"
          ? out.body
          : new Blob([out.body as Uint8Array<ArrayBuffer>]);
    return new Response(body, {
      headers: {
        "content-type": out.contentType,
        "content-disposition": `attachment; filename="${out.filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
