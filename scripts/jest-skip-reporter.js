// Prints every skipped suite with its title at the end of a run. Infra suites put the reason in
// the title ("skipped: POSTGRES_URL is not set"), so a skip is always visible, never a silent pass.
class SkipReporter {
  constructor() { this.skipped = new Map(); }
  onTestResult(_test, result) {
    for (const a of result.testResults) {
      if (a.status !== 'pending' && a.status !== 'skipped') continue;
      const title = a.ancestorTitles.find((t) => t.includes('(skipped:'));
      if (title) this.skipped.set(title, (this.skipped.get(title) ?? 0) + 1);
    }
  }
  onRunComplete() {
    if (this.skipped.size === 0) return;
    const rows = [...this.skipped].map(([t, n]) => `  - ${t} [${n} test(s)]`);
    process.stdout.write(`\nSkipped suites (${this.skipped.size}):\n${rows.join('\n')}\n`);
  }
}
module.exports = SkipReporter;
