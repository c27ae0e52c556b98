// The commitment operations through the real SDK clients: real shapes (the published examples where they exist),
// and numbers that agree with the spend GetCostAndUsage serves for the same months.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  GetCostAndUsageCommand,
  GetReservationCoverageCommand,
  GetReservationPurchaseRecommendationCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansCoverageCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  GetSavingsPlansUtilizationCommand,
  GetSavingsPlansUtilizationDetailsCommand,
} from "@aws-sdk/client-cost-explorer";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPricingEmulator, type PricingEmulator } from "@/emulators/pricing/server";
import { createTestClient, postRaw, toUnits } from "@/testing/cost-explorer-client";
import { COST_EXPLORER_FIXTURES, PRICING_FIXTURES } from "@/testing/fixtures";
import { startCostExplorerEmulator, type CostExplorerEmulator } from "./server";

const readJson = (dir: string, name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as unknown;
const keysOf = (value: unknown) => Object.keys(value as object);

let emulator: CostExplorerEmulator;
let pricing: PricingEmulator;
beforeAll(async () => {
  emulator = await startCostExplorerEmulator({ now: new Date("2026-11-26T00:00:00Z") });
  pricing = await startPricingEmulator();
});
afterAll(async () => {
  await emulator.close();
  await pricing.close();
});
const client = () => createTestClient(emulator.url);
const OCTOBER = { Start: "2026-10-01", End: "2026-11-01" };

describe("published shapes", () => {
  it("RI utilization of an account without reservations is the published all-zero answer, key for key", async () => {
    const real = readJson(COST_EXPLORER_FIXTURES, "awscli-example-get-reservation-utilization-no-reservations.json");
    const answer = await postRaw(emulator.url, "GetReservationUtilization", { TimePeriod: OCTOBER });
    expect(JSON.parse(answer.text)).toEqual(real);
  });

  it("an RI recommendation with nothing to buy has the published keys (Redshift: the demo has none)", async () => {
    const real = readJson(COST_EXPLORER_FIXTURES, "awscli-example-get-reservation-purchase-recommendation-empty.json");
    const body = {
      Service: "Amazon Redshift",
      TermInYears: "ONE_YEAR",
      PaymentOption: "NO_UPFRONT",
      LookbackPeriodInDays: "THIRTY_DAYS",
    };
    const answer = JSON.parse((await postRaw(emulator.url, "GetReservationPurchaseRecommendation", body)).text);
    expect(keysOf(answer)).toEqual(keysOf(real));
    expect(keysOf(answer.Metadata).sort()).toEqual(keysOf((real as { Metadata: object }).Metadata).sort());
  });

  it("GetProducts answers in the Price List's shape (JSON strings with product, terms, version) through the real client", async () => {
    const real = readJson(PRICING_FIXTURES, "awscli-example-get-products-ec2-storage.json") as { PriceList: string[] };
    const realItem = JSON.parse(real.PriceList[0] ?? "{}") as Record<string, unknown>;
    const pricingClient = new PricingClient({
      region: "us-east-1",
      endpoint: pricing.url,
      credentials: { accessKeyId: "AKIDTESTTESTTESTTEST", secretAccessKey: "test-secret" },
      maxAttempts: 1,
    });
    const out = await pricingClient.send(
      new GetProductsCommand({
        ServiceCode: "AmazonEC2",
        Filters: [{ Type: "TERM_MATCH", Field: "instanceType", Value: "t3a.xlarge" }],
        MaxResults: 100,
      }),
    );
    expect(out.PriceList).toHaveLength(1);
    const item = JSON.parse(out.PriceList?.[0] ?? "{}") as Record<string, unknown>;
    expect(keysOf(item)).toEqual(keysOf(realItem));
    const terms = item.terms as {
      OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }>;
    };
    const dimension = Object.values(Object.values(terms.OnDemand)[0]?.priceDimensions ?? {})[0];
    expect(dimension?.pricePerUnit.USD).toBe("0.1504000000");
    const paged = await pricingClient.send(new GetProductsCommand({ ServiceCode: "AmazonEC2", MaxResults: 2 }));
    expect(paged.PriceList).toHaveLength(2);
    expect(paged.NextToken).toBeDefined();
  });
});

describe("agrees with the demo's spend", () => {
  it("Savings Plans coverage of a month = its covered usage and EC2 on-demand usage in GetCostAndUsage", async () => {
    const coverage = await client().send(
      new GetSavingsPlansCoverageCommand({ TimePeriod: OCTOBER, Granularity: "MONTHLY" }),
    );
    const byRecordType = await client().send(
      new GetCostAndUsageCommand({
        TimePeriod: OCTOBER,
        Granularity: "MONTHLY",
        Metrics: ["UnblendedCost"],
        Filter: { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } },
        GroupBy: [{ Type: "DIMENSION", Key: "RECORD_TYPE" }],
      }),
    );
    const amountOf = (type: string) =>
      byRecordType.ResultsByTime?.[0]?.Groups?.find((g) => g.Keys?.[0] === type)?.Metrics?.UnblendedCost?.Amount;
    const data = coverage.SavingsPlansCoverages?.[0]?.Coverage;
    expect(coverage.SavingsPlansCoverages).toHaveLength(1);
    expect(toUnits(data?.SpendCoveredBySavingsPlans)).toBe(toUnits(amountOf("SavingsPlanCoveredUsage")));
    expect(toUnits(data?.OnDemandCost)).toBe(toUnits(amountOf("Usage")));
    expect(Number(data?.CoveragePercentage)).toBeGreaterThan(10);
    expect(Number(data?.CoveragePercentage)).toBeLessThan(90);
  });

  it("Savings Plans utilization: the used commitment is the fee the bill shows as used; 13 monthly periods", async () => {
    const answer = await client().send(
      new GetSavingsPlansUtilizationCommand({
        TimePeriod: { Start: "2025-11-01", End: "2026-11-26" },
        Granularity: "MONTHLY",
      }),
    );
    expect(answer.SavingsPlansUtilizationsByTime).toHaveLength(13);
    const october = answer.SavingsPlansUtilizationsByTime?.[11];
    expect(october?.TimePeriod).toEqual(OCTOBER);
    expect(october?.Utilization?.TotalCommitment).toBe("18600"); // $600 a day × 31 days
    const used = toUnits(october?.Utilization?.UsedCommitment);
    const unused = toUnits(october?.Utilization?.UnusedCommitment);
    expect(used + unused).toBe(toUnits("18600"));
  });

  it("the Savings Plan's end date comes with its utilization details", async () => {
    const answer = await client().send(new GetSavingsPlansUtilizationDetailsCommand({ TimePeriod: OCTOBER }));
    expect(answer.SavingsPlansUtilizationDetails?.[0]?.Attributes?.EndDateTime).toBe("2027-02-04T00:00:00.000Z");
  });

  it("RI coverage: EC2 and RDS run fully on demand; hours follow the spend", async () => {
    const ec2 = await client().send(new GetReservationCoverageCommand({ TimePeriod: OCTOBER, Granularity: "MONTHLY" }));
    const rds = await client().send(
      new GetReservationCoverageCommand({
        TimePeriod: OCTOBER,
        Granularity: "MONTHLY",
        Filter: { Dimensions: { Key: "SERVICE", Values: ["Amazon Relational Database Service"] } },
      }),
    );
    for (const answer of [ec2, rds]) {
      const hours = answer.CoveragesByTime?.[0]?.Total?.CoverageHours;
      expect(hours?.CoverageHoursPercentage).toBe("0");
      expect(Number(hours?.OnDemandHours)).toBeGreaterThan(1000);
    }
    await expect(
      client().send(new GetReservationUtilizationCommand({ TimePeriod: { Start: "2026-11-01", End: "2027-01-01" } })),
    ).rejects.toThrow(/end date past/);
  });

  it("recommendations: every term and payment answers; 3-year pays more upfront and saves more; RDS has no 3-year No Upfront", async () => {
    const sp = async (term: "ONE_YEAR" | "THREE_YEARS", payment: "NO_UPFRONT" | "ALL_UPFRONT") =>
      (
        await client().send(
          new GetSavingsPlansPurchaseRecommendationCommand({
            SavingsPlansType: "COMPUTE_SP",
            TermInYears: term,
            PaymentOption: payment,
            LookbackPeriodInDays: "THIRTY_DAYS",
          }),
        )
      ).SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails?.[0];
    const oneNo = await sp("ONE_YEAR", "NO_UPFRONT");
    const threeAll = await sp("THREE_YEARS", "ALL_UPFRONT");
    expect(oneNo?.UpfrontCost).toBe("0.00");
    expect(Number(threeAll?.UpfrontCost)).toBeGreaterThan(0);
    expect(Number(threeAll?.EstimatedMonthlySavingsAmount)).toBeGreaterThan(
      Number(oneNo?.EstimatedMonthlySavingsAmount),
    );
    const ri = (
      Service: string,
      TermInYears: "ONE_YEAR" | "THREE_YEARS",
      PaymentOption: "NO_UPFRONT" | "PARTIAL_UPFRONT",
    ) =>
      client().send(
        new GetReservationPurchaseRecommendationCommand({
          Service,
          TermInYears,
          PaymentOption,
          LookbackPeriodInDays: "THIRTY_DAYS",
        }),
      );
    const ec2 = await ri("Amazon Elastic Compute Cloud - Compute", "ONE_YEAR", "PARTIAL_UPFRONT");
    const detail = ec2.Recommendations?.[0]?.RecommendationDetails?.[0];
    expect(detail?.InstanceDetails?.EC2InstanceDetails?.InstanceType).toBe("t3a.xlarge");
    expect(Number(detail?.EstimatedBreakEvenInMonths)).toBeGreaterThan(0);
    expect((await ri("Amazon Relational Database Service", "THREE_YEARS", "NO_UPFRONT")).Recommendations).toEqual([]);
    expect((await ri("Amazon Relational Database Service", "ONE_YEAR", "NO_UPFRONT")).Recommendations).toHaveLength(1);
  });

  it("refuses a request without the required enums, as AWS does", async () => {
    const answer = await postRaw(emulator.url, "GetSavingsPlansPurchaseRecommendation", {
      SavingsPlansType: "COMPUTE_SP",
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("termInYears");
  });
});
