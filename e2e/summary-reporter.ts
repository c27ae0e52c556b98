// Prints one plain "playwright: N passed, N failed, N skipped" line that scripts/test.ts and CI read.
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };
  onTestEnd(test: TestCase, result: TestResult) {
    if (result.retry < test.retries && result.status !== "passed") return;
    if (result.status === "passed") this.counts.passed++;
    else if (result.status === "skipped") this.counts.skipped++;
    else this.counts.failed++;
  }
  onEnd(result: FullResult) {
    if (result.status !== "passed" && this.counts.failed === 0) this.counts.failed++; // setup or server failure
    const { passed, failed, skipped } = this.counts;
    process.stdout.write(`\nplaywright: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
