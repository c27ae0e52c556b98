// Liveness probe. GET /api/health/live → 200 while the process answers requests. It never touches the database:
// a database outage makes pods unready (/api/health), and restarting them would not bring it back.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
