/** A minimal Prometheus text-format registry: gauges and counters with labels. */
type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const s = this.get(name, help, 'counter');
    const key = JSON.stringify(labels);
    const cur = s.values.get(key);
    s.values.set(key, { labels, value: (cur?.value ?? 0) + by });
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.get(name, help, 'gauge').values.set(JSON.stringify(labels), { labels, value });
  }

  value(name: string, labels: Labels = {}): number | undefined {
    return this.series.get(name)?.values.get(JSON.stringify(labels))?.value;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, s] of this.series) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      for (const { labels, value } of s.values.values()) {
        const l = Object.entries(labels)
          .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
          .join(',');
        lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  private get(name: string, help: string, type: Series['type']): Series {
    let s = this.series.get(name);
    if (!s) {
      s = { help, type, values: new Map() };
      this.series.set(name, s);
    }
    return s;
  }
}
