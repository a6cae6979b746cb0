import { Metrics } from './metrics';

describe('Metrics', () => {
  it('renders counters and gauges in the Prometheus text format', () => {
    const m = new Metrics();
    m.inc('spbe_x_total', 'X things', { group: 'reporting' });
    m.inc('spbe_x_total', 'X things', { group: 'reporting' }, 2);
    m.set('spbe_lag', 'Lag', { projection: 'audit"trail' }, 7);
    expect(m.render()).toBe(
      '# HELP spbe_x_total X things\n# TYPE spbe_x_total counter\nspbe_x_total{group="reporting"} 3\n' +
        '# HELP spbe_lag Lag\n# TYPE spbe_lag gauge\nspbe_lag{projection="audit\\"trail"} 7\n',
    );
  });
});
