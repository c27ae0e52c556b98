// Test helpers: the real SDK client pointed at an emulator, and a raw signed-looking POST for tests
// that need the exact bytes on the wire. Test-only; nothing else imports this file.
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";

/** One attempt per call, so every HTTP request is visible to the test (the SDK would retry throttling).
 * SDK 3.1138 only warns when requestTimeout passes, unless throwOnRequestTimeout is set. */
export function createTestClient(url: string, options: { requestTimeout?: number } = {}): CostExplorerClient {
  return new CostExplorerClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "AKIDTESTTESTTESTTEST", secretAccessKey: "test-secret" },
    maxAttempts: 1,
    ...(options.requestTimeout
      ? { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } }
      : {}),
  });
}

const FAKE_AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTESTTEST/20261126/us-east-1/ce/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
  "0".repeat(64);

/** POST / as the SDK would, returning status, headers and the raw body text. */
export async function postRaw(url: string, operation: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSInsightsIndexService.${operation}`,
      "x-amz-date": "20261126T000000Z",
      authorization: FAKE_AUTHORIZATION,
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** "1234.5678" → integer 1e-8 USD units, exactly (for sums in tests). */
export function toUnits(amount: string | undefined): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,8}))?$/.exec(amount ?? "");
  if (!match) throw new Error(`not an amount with at most 8 decimals: ${amount}`);
  const units = BigInt(match[2] ?? "0") * 100_000_000n + BigInt((match[3] ?? "").padEnd(8, "0"));
  return match[1] ? -units : units;
}
