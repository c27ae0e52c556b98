// Sends this week's digest to every team with a channel (Slack webhook, email), at most once per week and
// channel; a failed send is retried from its next attempt time. The server's schedule (DIGEST_SCHEDULE) calls the
// same function; this command is for a Kubernetes CronJob, a person checking a message, or a retry by hand.
// Usage: npm run -s digest -- [--team NAME] [--dry-run]
import { formatFlagHelp, parseFlags, type FlagSpec } from "@/lib/cli/flags";
import { runCli } from "@/lib/cli/run-cli";
import { runDigests } from "@/lib/digest/run";

const spec: FlagSpec = {
  team: { value: true, description: "only this team (with --dry-run, also a team without a channel)" },
  "dry-run": { value: false, description: "print the messages that would be sent; send nothing, record nothing" },
  help: { value: false, description: "show this help" },
};

await runCli("digest", async (argv, { config, now, openDb, stdout, log }) => {
  const { flags } = parseFlags(argv, spec);
  if (flags.help) {
    stdout.write(`Usage: npm run -s digest -- [options]\n\n${formatFlagHelp(spec)}\n`);
    return 0;
  }
  const dryRun = flags["dry-run"] === "true";
  const db = await openDb({ shareIfLocked: true });
  const run = await runDigests({
    db,
    config,
    now,
    team: flags.team,
    dryRun,
    trigger: "cli",
    log: (line, level) => log(line, { event: "digest", level }),
  });
  if (dryRun) {
    if (run.dryRun.length === 0) stdout.write("No team has a digest channel yet: set one on /settings.\n");
    for (const m of run.dryRun) {
      const to = [
        ...(m.channels.includes("slack") ? ["Slack (webhook set)"] : []),
        ...(m.channels.includes("email") ? [`email to ${m.email.to.join(", ")}`] : []),
      ];
      stdout.write(
        `=== ${m.team}, week of ${run.week}: would go to ${to.join(" and ") || "no channel (none set)"} ===\n\n` +
          `--- Slack (mrkdwn) ---\n${m.slack.text}\n\n--- Email ---\nSubject: ${m.email.subject}\n\n${m.email.text}\n`,
      );
    }
    return 0;
  }
  if (run.outcomes.length === 0) log("No team has a digest channel yet: set one on /settings.", { event: "digest" });
  return run.outcomes.some((o) => o.status === "failed" || o.status === "abandoned") ? 1 : 0;
});
