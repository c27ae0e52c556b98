// A local AWS Price List (Pricing) API: AWS JSON 1.1 (X-Amz-Target AWSPriceListService.GetProducts), so the real
// @aws-sdk/client-pricing talks to it unchanged. It serves a few EC2 products (./products.ts), filtered by
// TERM_MATCH and paged with NextToken. Usage: startPricingEmulator() → { url, requests, close() }.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { listProducts, type PriceListFilter } from "./products";

const TARGET_PREFIX = "AWSPriceListService.";
const CONTENT_TYPE = "application/x-amz-json-1.1";
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/pricing\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export type PricingEmulator = { url: string; requests(): number; close(): Promise<void> };

type Answer = { status: number; body: unknown; errorType?: string };

function error(type: string, message: string, status = 400): Answer {
  return { status, body: { __type: type, Message: message }, errorType: type };
}

function getProducts(body: Record<string, unknown>): Answer {
  if (body.ServiceCode !== "AmazonEC2") {
    return error(
      "NotFoundException",
      `The Costwise emulator prices ServiceCode AmazonEC2 only (got ${String(body.ServiceCode)}).`,
    );
  }
  const filters = (Array.isArray(body.Filters) ? body.Filters : []) as PriceListFilter[];
  for (const f of filters) {
    if (f.Type !== "TERM_MATCH") return error("InvalidParameterException", `Filter type ${f.Type} is not supported.`);
  }
  const max = typeof body.MaxResults === "number" ? body.MaxResults : 100;
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return error("InvalidParameterException", "MaxResults must be 1..100.");
  const matching = listProducts().filter((p) => filters.every((f) => p.attributes[f.Field] === f.Value));
  const offset = typeof body.NextToken === "string" ? Number.parseInt(body.NextToken.replace(/^page-/, ""), 10) : 0;
  if (!Number.isInteger(offset) || offset < 0) return error("InvalidNextTokenException", "The NextToken is not valid.");
  const page = matching.slice(offset, offset + max);
  const next = offset + max < matching.length ? { NextToken: `page-${offset + max}` } : {};
  return { status: 200, body: { FormatVersion: "aws_v1", PriceList: page.map((p) => p.text), ...next } };
}

export async function startPricingEmulator(options: { port?: number; host?: string } = {}): Promise<PricingEmulator> {
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests++;
      const target = String(req.headers["x-amz-target"] ?? "");
      let answer: Answer;
      if (!SIGV4.test(String(req.headers.authorization ?? ""))) {
        answer = error(
          "MissingAuthenticationTokenException",
          "Missing or malformed SigV4 signature for service 'pricing'.",
          403,
        );
      } else if (target !== `${TARGET_PREFIX}GetProducts`) {
        answer = error("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`);
      } else {
        try {
          answer = getProducts(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>);
        } catch {
          answer = error("SerializationException", "The request body is not JSON.");
        }
      }
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        "content-type": CONTENT_TYPE,
        "content-length": Buffer.byteLength(text),
        "x-amzn-requestid": `00000000-0000-4000-8000-${String(requests).padStart(12, "0")}`,
        ...(answer.errorType ? { "x-amzn-errortype": answer.errorType } : {}),
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
