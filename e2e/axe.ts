import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA: the rules every page must pass. */
export const WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

/** One line per rule broken, naming up to three of the elements: enough to find the fault from the test log. */
function describe(violations: Violation[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" "));
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : "";
    return `${v.id} (${v.impact ?? "?"}, ${v.nodes.length}×): ${v.help} — ${targets.join(", ")}${more}`;
  });
}

async function violationsNow(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  return describe(results.violations);
}

/**
 * Runs axe (WCAG 2.x A and AA) on the page as it is now, in the light and the dark colour scheme, and fails the
 * test (softly: the journey goes on, so one run lists every state that breaks) when a rule is broken. `state`
 * names what the user is looking at, for the failure message. The page is left in the scheme it was in.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const initial = await page.evaluate(() => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect.soft(await violationsNow(page), `axe (WCAG 2.2 AA) on ${state}, ${scheme} scheme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: initial });
}
