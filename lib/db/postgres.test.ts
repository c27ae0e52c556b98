// The Postgres pool's own session settings, on a database this test creates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDb, type TestDb } from "@/testing/databases";

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("the Postgres pool", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createPostgresTestDb(serverUrl!);
  });
  afterAll(async () => db?.drop());

  it("turns JIT compilation off on every connection, the first query included", async () => {
    // Eight at once: the pool opens a connection for each, and each must answer with JIT off.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.sql.query<{ jit: string; pid: number }>(
          "SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, pg_sleep(0.05)",
        ),
      ),
    );
    expect(new Set(answers.map(([row]) => row?.pid)).size).toBeGreaterThan(1);
    expect(answers.map(([row]) => row?.jit)).toEqual(Array(8).fill("off"));
  });
});
