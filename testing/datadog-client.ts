// Test helpers: the real Datadog client pointed at an emulator, recording each response's headers.
import { client } from "@datadog/datadog-api-client";
import { DEFAULT_API_KEY, DEFAULT_APP_KEY } from "@/emulators/datadog/server";

/** The client's own HTTP library, keeping the last response so tests can read its headers. */
export class RecordingHttpLibrary extends client.IsomorphicFetchHttpLibrary {
  last: client.ResponseContext | null = null;
  override async send(request: client.RequestContext): Promise<client.ResponseContext> {
    const response = await super.send(request);
    this.last = response;
    return response;
  }
}

export function createClientConfig(
  url: string,
  keys: { apiKey?: string; appKey?: string } = {},
  httpConfig: client.HttpConfiguration = {},
) {
  const http = new RecordingHttpLibrary();
  const configuration = client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(url, {}),
    authMethods: { apiKeyAuth: keys.apiKey ?? DEFAULT_API_KEY, appKeyAuth: keys.appKey ?? DEFAULT_APP_KEY },
    httpApi: http,
    httpConfig,
  });
  return { configuration, http };
}

export const NOW = new Date("2026-11-26T00:00:00Z");
export const NOW_SEC = NOW.getTime() / 1000;
