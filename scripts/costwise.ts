// The image's one command, and the same one the tests start: `costwise <command> [options]`.
//   serve    apply the database migrations (under a lock), then serve the app   (the image's default)
//   migrate  apply the migrations and exit (an upgrade step run before the new version serves, if wanted)
//   sync     sync AWS Cost Explorer and Datadog (the Kubernetes CronJob)
//   digest   send this week's digest to every team with a channel (the Kubernetes CronJob)
//   export   write a report as CSV/JSON/PPTX, byte-identical to the web download
//   health   ask the running server's /api/health; exit 0 when ready (the image's HEALTHCHECK)
// In the image this file is bundled to costwise.mjs (scripts/build-cli.ts), run as `node costwise.mjs serve`.
const COMMANDS = ["serve", "migrate", "sync", "digest", "export", "health"] as const;
type Command = (typeof COMMANDS)[number];

const command = process.argv[2];
// Each command reads its own options from process.argv.slice(2), as it does when started by npm run.
process.argv.splice(2, 1);

if (!COMMANDS.includes(command as Command)) {
  process.stderr.write(
    `Usage: costwise <${COMMANDS.join("|")}> [options]${command ? `\nUnknown command "${command}".` : ""}\n`,
  );
  process.exitCode = 2;
} else {
  // Next.js reads NODE_ENV to pick its production server; the image sets it too.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
  switch (command as Command) {
    case "serve":
      await import("./start");
      break;
    case "migrate":
      await import("./migrate");
      break;
    case "sync":
      await import("./sync");
      break;
    case "digest":
      await import("./digest");
      break;
    case "export":
      await import("./export");
      break;
    case "health":
      await import("./health");
      break;
  }
}

export {};
