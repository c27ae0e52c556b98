import { badInput } from "@/lib/errors";

export type FlagSpec = Record<string, { value: boolean; description: string }>;

/**
 * Parses `--name value` / `--name=value` / `--switch` flags against a spec. Unknown flags, missing values
 * and stray positionals are bad input (exit 2). Returns the flags and the positionals it was told to allow.
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec, maxPositionals = 0) {
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      if (positionals.length >= maxPositionals) throw badInput(`Unexpected argument "${arg}". Try --help.`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const def = spec[name];
    // As in a URL (lib/search-params.ts): which of two values was meant is a guess, so neither is taken.
    if (name in flags) throw badInput(`--${name} is given twice; give it once.`);
    if (!def)
      throw badInput(
        `Unknown option --${name}. Known options: ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(", ")}.`,
      );
    if (!def.value) {
      if (eq !== -1) throw badInput(`--${name} takes no value.`);
      flags[name] = "true";
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw badInput(`--${name} needs a value.`);
    flags[name] = value;
  }
  return { flags, positionals };
}

export function formatFlagHelp(spec: FlagSpec): string {
  return Object.entries(spec)
    .map(([name, d]) => `  --${name}${d.value ? " VALUE" : ""}`.padEnd(24) + d.description)
    .join("\n");
}
