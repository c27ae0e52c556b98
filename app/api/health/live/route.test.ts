import { afterEach, expect, it } from "vitest";
import { setProcessDb } from "@/lib/db/process-db";
import { GET } from "./route";

afterEach(() => setProcessDb(undefined));

it("answers 200 while the process runs, without asking the database (a restart would not bring it back)", async () => {
  const down = Promise.reject(new Error("the database is down"));
  down.catch(() => {}); // only a route that asks for the database would see this
  setProcessDb(down);
  const res = GET();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
