/**
 * Suites against real servers read their URL from the environment. Without it they are reported
 * as skipped with the reason in the test name; with REQUIRE_INFRA=1 (npm run test:infra, CI) a
 * missing URL fails the run instead.
 */
export interface InfraTarget {
  url: string | undefined;
  /** `describe` or `describe.skip` with the reason appended to the title. */
  describe: (title: string, fn: () => void) => void;
}

export function infra(variable: string, what: string, options: { provisionedByInfra?: boolean } = {}): InfraTarget {
  const url = process.env[variable] || undefined;
  if (url) return { url, describe: (title, fn) => describe(title, fn) };
  // Servers that scripts/infra cannot provision (EventStoreDB) stay skipped with the reason.
  if (process.env.REQUIRE_INFRA === '1' && options.provisionedByInfra !== false) {
    return {
      url,
      describe: (title) =>
        describe(title, () => {
          it(`needs ${what}`, () => {
            throw new Error(`${variable} is not set but REQUIRE_INFRA=1: ${what} was not reached`);
          });
        }),
    };
  }
  return {
    url,
    describe: (title, fn) => describe.skip(`${title} (skipped: ${variable} is not set — ${what} not reachable here)`, fn),
  };
}

/** A unique name per test run, so suites on a shared server do not see each other's data. */
export function runId(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
