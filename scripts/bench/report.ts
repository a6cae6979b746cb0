import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Describes the machine a benchmark ran on (benchmarks are never timed assertions in tests). */
export function machine(): string {
  const cpu = cpus();
  let pg = 'n/a';
  try {
    pg = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    /* no psql */
  }
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node.js ${process.version}, ${pg}`;
}

/** Replaces the section `## <title>` of docs/benchmarks.md (creating the file when needed). */
export function writeSection(title: string, body: string): void {
  const file = join(__dirname, '..', '..', '..', 'docs', 'benchmarks.md');
  const header = '# Benchmarks\n\nWritten by `npm run bench:*`; each section is replaced by its benchmark\'s latest run.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const section = `## ${title}\n\n${body.trim()}\n`;
  const re = new RegExp(`## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Uses the servers of scripts/infra (.infra/env) when their URLs are not in the environment. */
export function loadInfraEnv(): void {
  const file = join(__dirname, '..', '..', '..', '.infra', 'env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m && !process.env[m[1]]) process.env[m[1]] = m[2];
  }
}
