// Node prices from the AWS Price List API (GetProducts, free of charge): on-demand Linux, shared tenancy, in the
// configured region, replacing the prices shipped with Costwise for the same types. Refreshed with the commitments,
// when the stored prices are older than COSTWISE_COMMITMENTS_REFRESH_DAYS.
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import type { SourceContext, SyncSource } from "@/lib/sync/types";
import { sendWithRetries, type RetryPolicy } from "./client";

export type NodePriceRow = {
  instanceType: string;
  hourlyUsd: string;
  vcpu: number;
  memoryGib: string;
  processor: string;
};

const FILTERS = (region: string) =>
  [
    ["regionCode", region],
    ["operatingSystem", "Linux"],
    ["tenancy", "Shared"],
    ["preInstalledSw", "NA"],
    ["capacitystatus", "Used"],
    ["currentGeneration", "Yes"],
  ].map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value }));

/** One Price List product (a JSON string) → a price row, or null when it is not an hourly on-demand instance price. */
export function parsePriceListItem(text: string): NodePriceRow | null {
  let item: {
    product?: { attributes?: Record<string, string> };
    terms?: {
      OnDemand?: Record<
        string,
        { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
      >;
    };
  };
  try {
    item = JSON.parse(text) as typeof item;
  } catch {
    throw new AppError(
      "failed",
      "The Price List sent a product that is not JSON. Nothing was replaced; run the sync again.",
    );
  }
  const a = item.product?.attributes ?? {};
  const dimension = Object.values(Object.values(item.terms?.OnDemand ?? {})[0]?.priceDimensions ?? {})[0];
  const usd = dimension?.pricePerUnit?.USD;
  const memory = /^([\d.]+) GiB$/.exec(a.memory ?? "")?.[1];
  if (!a.instanceType || !usd || dimension?.unit !== "Hrs" || !memory || !/^\d+$/.test(a.vcpu ?? "")) return null;
  if (!/^\d+(\.\d+)?$/.test(usd) || Number(usd) === 0) return null;
  return {
    instanceType: a.instanceType,
    hourlyUsd: usd,
    vcpu: Number(a.vcpu),
    memoryGib: memory,
    processor: a.physicalProcessor ?? "",
  };
}

export function createPricingSource(
  config: Config,
  opts: { client?: PricingClient; policy?: RetryPolicy } = {},
): SyncSource {
  let client = opts.client;
  return {
    name: "pricing",
    label: "AWS Price List (node prices)",
    requestCostCents: 0,
    run(ctx) {
      // The Price List API answers in us-east-1 (and ap-south-1) whatever region the prices are for.
      client ??= new PricingClient({
        region: "us-east-1",
        maxAttempts: 1,
        ...(config.aws.pricingEndpoint ? { endpoint: config.aws.pricingEndpoint } : {}),
      });
      return syncPrices(ctx, client, config, opts.policy);
    },
  };
}

async function syncPrices(ctx: SourceContext, client: PricingClient, config: Config, policy?: RetryPolicy) {
  const region = config.aws.region;
  const [last] = await ctx.db.sql.query<{ at: Date | null }>(
    "SELECT max(fetched_at) AS at FROM node_price WHERE region = $1",
    [region],
  );
  const ageDays = last?.at ? (ctx.now.getTime() - last.at.getTime()) / 86_400_000 : Infinity;
  if (ageDays < config.commitments.refreshDays) {
    return { range: null, notes: [`Kept the node prices of ${region} (${ageDays.toFixed(1)} days old)`] };
  }
  const rows = new Map<string, NodePriceRow>();
  let token: string | undefined;
  let page = 0;
  do {
    page++;
    ctx.progress(`Fetching node prices for ${region}, page ${page}`);
    const answer = await sendWithRetries(
      (abortSignal) =>
        client.send(
          new GetProductsCommand({
            ServiceCode: "AmazonEC2",
            Filters: FILTERS(region),
            FormatVersion: "aws_v1",
            MaxResults: 100,
            NextToken: token,
          }),
          { abortSignal },
        ),
      {
        operation: "GetProducts",
        where: `Price List GetProducts (${region}, page ${page})`,
        countRequest: ctx.countRequest,
        signal: ctx.signal,
        policy,
      },
    );
    for (const text of answer.PriceList ?? []) {
      const row = parsePriceListItem(text);
      if (row) rows.set(row.instanceType, row);
    }
    token = answer.NextToken;
  } while (token);
  await replaceNodePrices(ctx.db, region, [...rows.values()], ctx.now);
  ctx.addRows(rows.size);
  return { range: null, notes: [`${rows.size} node prices for ${region} from the Price List in ${page} requests`] };
}

async function replaceNodePrices(db: Db, region: string, rows: NodePriceRow[], now: Date) {
  const p = db.prisma;
  await p.$transaction([
    p.nodePrice.deleteMany({ where: { region } }),
    p.nodePrice.createMany({ data: rows.map((r) => ({ ...r, region, fetchedAt: now })) }),
  ]);
}
