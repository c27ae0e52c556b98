// AWS JSON 1.1 as Cost Explorer speaks it: POST /, X-Amz-Target: AWSInsightsIndexService.<Operation>,
// errors as { "__type": ..., "message": ... } with x-amzn-ErrorType, which the SDK's awsJson1_1
// deserializer reads (@smithy/core loadJsonRpcErrorCode: body __type, then code, then the header).
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { COMMITMENT_OPERATIONS } from "./commitment-operations";

export const TARGET_PREFIX = "AWSInsightsIndexService.";
export const CONTENT_TYPE = "application/x-amz-json-1.1";
export const OPERATIONS = [
  "GetCostAndUsage",
  "GetDimensionValues",
  "GetTags",
  "ListCostAllocationTags",
  ...COMMITMENT_OPERATIONS,
] as const;
export type Operation = (typeof OPERATIONS)[number];

export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name);
}

// Errors the Cost Explorer model declares carry a `Message` member; the others (ValidationException,
// seen on the wire as {"__type":"ValidationException","message":"Group Definition type is invalid."}) use `message`.
const MODELED = new Set([
  "LimitExceededException",
  "InvalidNextTokenException",
  "RequestChangedException",
  "DataUnavailableException",
  "BillExpirationException",
]);

/** An error answered the way AWS answers it; status 400 unless said otherwise. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const validationError = (message: string) => new ServiceError("ValidationException", message);

/** Coral's wording for a violated model constraint, e.g. "Value 'WEEKLY' at 'granularity' failed to satisfy constraint: …". */
export function constraintError(value: unknown, path: string, rule: string): ServiceError {
  const shown =
    value === undefined || value === null
      ? "null"
      : typeof value === "string"
        ? `'${value}'`
        : `'${JSON.stringify(value)}'`;
  return validationError(
    `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`,
  );
}

// AWS checks a SigV4 signature; the emulator only checks that one is there and well formed (any credentials).
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/ce\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export function checkSignature(headers: IncomingHttpHeaders): void {
  const authorization = headers.authorization;
  if (!authorization)
    throw new ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
  if (!SIGV4.test(authorization) || !headers["x-amz-date"]) {
    throw new ServiceError(
      "IncompleteSignatureException",
      "Authorization header must be AWS Signature Version 4 for service 'ce' (Credential, SignedHeaders, Signature) with an X-Amz-Date header.",
      403,
    );
  }
}

let requestCounter = 0;
function nextRequestId(): string {
  requestCounter++;
  return `00000000-0000-4000-8000-${requestCounter.toString(16).padStart(12, "0")}`;
}

export function toErrorBody(error: ServiceError): string {
  const messageKey = MODELED.has(error.type) || error.type === "AccessDeniedException" ? "Message" : "message";
  return JSON.stringify({ __type: error.type, [messageKey]: error.message });
}

export function sendError(res: ServerResponse, error: ServiceError): void {
  const body = toErrorBody(error);
  res.writeHead(error.status, {
    "content-type": CONTENT_TYPE,
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": nextRequestId(),
    "x-amzn-errortype": error.type,
  });
  res.end(body);
}

/** Sends the answer; with `cutOff` only its first half, then drops the connection. */
export function sendJson(res: ServerResponse, body: string, options: { cutOff?: boolean } = {}): void {
  const bytes = Buffer.from(body);
  res.writeHead(200, {
    "content-type": CONTENT_TYPE,
    "content-length": bytes.length,
    "x-amzn-requestid": nextRequestId(),
  });
  if (!options.cutOff) {
    res.end(bytes);
    return;
  }
  res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
}
