import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docker-compose.yml is checked with the real `docker compose config` (no container engine is
 * needed for that). scripts/infra/up provisions the Compose CLI where the docker plugin is absent.
 */
const root = join(__dirname, '..', '..');

function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  const local = join(root, '.infra', 'bin', 'docker-compose');
  return existsSync(local) ? [local] : null;
}

const compose = composeCommand();
const suite =
  compose !== null
    ? describe
    : process.env.REQUIRE_INFRA === '1'
      ? (title: string) => describe(title, () => it('needs the Docker Compose CLI', () => { throw new Error('docker compose not found; run scripts/infra/up compose'); }))
      : (title: string, fn: () => void) => describe.skip(`${title} (skipped: no Docker Compose CLI — run scripts/infra/up compose)`, fn);

suite('docker-compose.yml', () => {
  const run = (env: Record<string, string>) => {
    const [cmd, ...args] = compose as string[];
    return spawnSync(cmd, [...args, '-f', join(root, 'docker-compose.yml'), 'config', '--format', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  };

  it('is valid and describes EventStoreDB, Kafka (KRaft), MongoDB and the four services', () => {
    const res = run({ AUTH_JWT_SECRET: 'c'.repeat(40) });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const config = JSON.parse(res.stdout);
    expect(Object.keys(config.services).sort()).toEqual(['architecture-registry', 'audit-scheduler', 'evaluation-scoring', 'eventstore', 'kafka', 'mongo', 'reporting']);
    expect(config.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    for (const [app, port] of [['architecture-registry', '3001'], ['audit-scheduler', '3002'], ['evaluation-scoring', '3003'], ['reporting', '3004']]) {
      const s = config.services[app];
      expect(s.build.args.APP).toBe(app);
      expect(s.environment).toMatchObject({ EVENT_STORE: 'esdb', BUS: 'kafka', READ_MODELS: 'mongo', PORT: port, KAFKA_BROKERS: 'kafka:9092' });
      expect(Object.keys(s.depends_on).sort()).toEqual(['eventstore', 'kafka', 'mongo']);
    }
  });

  it('refuses to render without a JWT secret', () => {
    const res = run({ AUTH_JWT_SECRET: '' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('AUTH_JWT_SECRET');
  });

  it('builds images from the Dockerfile it names', () => {
    expect(existsSync(join(root, 'deploy', 'Dockerfile'))).toBe(true);
    expect(execFileSync('grep', ['-c', 'ARG APP', join(root, 'deploy', 'Dockerfile')], { encoding: 'utf8' }).trim()).toBe('1');
  });
});
