// Node types read for the page and the export: shipped prices, replaced by refreshed Price List prices when stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDb } from "@/testing/databases";
import { nodesParamsSchema } from "./params";
import { SHIPPED_PRICES } from "./prices";
import { getNodeFits } from "./read";

describe.each(testDatabases())("node types on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());
  const params = nodesParamsSchema.parse({ sort: "hourly", category: "general", arch: "x86_64", burstable: "yes" });

  it("ranks the shipped prices, filtered and sorted as asked", async () => {
    const fits = await getNodeFits(db, params);
    expect(fits.prices).toEqual(SHIPPED_PRICES);
    expect(fits.hasUsage).toBe(false);
    expect(fits.ranking.map((t) => t.instanceType)).toEqual(["t3a.xlarge", "t3.xlarge", "t3a.2xlarge", "t3.2xlarge"]);
  });

  it("a refreshed price replaces the shipped one and the page says where prices come from", async () => {
    await db.sql.query(
      `INSERT INTO node_price (instance_type, region, hourly_usd, vcpu, memory_gib, fetched_at)
       VALUES ('t3.xlarge', 'us-east-1', 0.1400000000, 4, 16, '2026-12-01T00:00:00Z')`,
    );
    const fits = await getNodeFits(db, params);
    expect(fits.ranking[0]).toMatchObject({ instanceType: "t3.xlarge", hourlyUsd: "0.1400000000" });
    expect(fits.prices.source).toMatch(/Price List API/);
    expect(fits.prices.retrievedOn).toBe("2026-12-01");
  });
});
