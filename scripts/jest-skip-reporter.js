// Prints every skipped test with its name at the end of a run. Infra suites put the reason in the
// name ("skipped: POSTGRES_URL is not set"), so a skip is always visible, never a silent pass.
class SkipReporter {
  constructor() { this.skipped = []; }
  onTestResult(_test, result) {
    for (const a of result.testResults) {
      if (a.status === 'pending' || a.status === 'skipped') this.skipped.push(a.fullName);
    }
  }
  onRunComplete() {
    if (this.skipped.length === 0) return;
    const names = [...new Set(this.skipped)];
    process.stdout.write(`\nSkipped (${names.length}):\n${names.map((n) => `  - ${n}`).join('\n')}\n`);
  }
}
module.exports = SkipReporter;
