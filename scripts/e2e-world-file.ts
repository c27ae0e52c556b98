// Where the e2e server started on a port writes its emulators' addresses, for the journeys that drive them.
import { tmpdir } from "node:os";
import { join } from "node:path";

export const e2eWorldFile = (port: string | number) => join(tmpdir(), `costwise-e2e-world-${port}.json`);
