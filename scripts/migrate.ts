// Applies the database migrations and exits. `serve` applies them too (under the same lock); this is for an
// upgrade that wants its migrations done before any new server starts. Usage: costwise migrate
import { runCli } from "@/lib/cli/run-cli";

await runCli("migrate", async (_argv, { openDb }) => {
  await openDb(); // opening migrates, and says which database and how many migrations it applied
});
