// The node-price refresh through the real @aws-sdk/client-pricing against the Price List emulator, into the
// embedded database and Postgres: prices stored as the list writes them, free requests counted, the age rule.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PricingClient } from "@aws-sdk/client-pricing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPricingEmulator, type PricingEmulator } from "@/emulators/pricing/server";
import { parseConfig } from "@/lib/config";
import { runSync } from "@/lib/sync/run-sync";
import { testDatabases, type TestDb } from "@/testing/databases";
import { PRICING_FIXTURES } from "@/testing/fixtures";
import { createNoWaitPolicy, TEST_CREDENTIALS } from "@/testing/cost-explorer";
import { createPricingSource, parsePriceListItem } from "./pricing-source";

const NOW = new Date("2026-11-26T08:00:00Z");
let emulator: PricingEmulator;
beforeAll(async () => {
  emulator = await startPricingEmulator();
});
afterAll(() => emulator.close());

const source = () => {
  const config = parseConfig({ COSTWISE_AWS: "true", AWS_ENDPOINT_URL_PRICING: emulator.url });
  const client = new PricingClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });
  return createPricingSource(config, { client, policy: createNoWaitPolicy() });
};

it("a published Price List product that is not an instance-hour price is skipped, not misread", () => {
  const real = JSON.parse(
    readFileSync(path.join(PRICING_FIXTURES, "awscli-example-get-products-ec2-storage.json"), "utf8"),
  ) as {
    PriceList: string[];
  };
  expect(parsePriceListItem(real.PriceList[0] ?? "")).toBeNull();
  expect(() => parsePriceListItem("{not json")).toThrow(/not JSON/);
});

describe.each(testDatabases())("node prices from the Price List on $name", ({ create }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(() => db.drop());

  it("stores each type's on-demand price as written", async () => {
    const before = emulator.requests();
    const result = await runSync({ db, now: NOW, sources: [source()] });
    expect(result.status).toBe("succeeded");
    expect(result.requests).toBe(emulator.requests() - before);
    expect(result.requestCostUsd).toBe("0.00");
    const rows = await db.sql.query<{ instance_type: string; hourly_usd: string; memory_gib: string }>(
      "SELECT instance_type, hourly_usd, memory_gib FROM node_price ORDER BY instance_type",
    );
    expect(rows.find((r) => r.instance_type === "t3a.xlarge")).toEqual({
      instance_type: "t3a.xlarge",
      hourly_usd: "0.1504000000",
      memory_gib: "16",
    });
    expect(rows).toHaveLength(5);
  });

  it("keeps prices younger than the refresh setting without asking again", async () => {
    const before = emulator.requests();
    const result = await runSync({ db, now: new Date(NOW.getTime() + 86_400_000), sources: [source()] });
    expect(result.requests).toBe(0);
    expect(emulator.requests()).toBe(before);
  });
});
