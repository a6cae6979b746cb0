import type { Cadence, Citation, Provision, RegulationProfile } from './model';
import { DUTIES } from './model';

/** `kupang-perwali-11-2025 Pasal 8(2)†` — † marks an ayat/huruf inferred from position; [V]/[T]/[D] the grade of a national source. */
export function formatCitation(c: Citation): string {
  return `${c.regulation} ${c.article}${c.inferred ? '†' : ''}${c.grade ? ` [${c.grade}]` : ''}`;
}

function provisionLine<T>(label: string, p: Provision<T>, describe: (v: T) => string = () => ''): string {
  const d = (v: T) => {
    const s = describe(v);
    return s ? ` ${s}` : '';
  };
  switch (p.kind) {
    case 'stated':
      return `${label}${d(p.value)}: ${formatCitation(p.citation)}`;
    case 'pemda-decision':
      return `${label}${d(p.value)}: ${formatCitation(p.citation)} (pemda decision ${p.decree.number})`;
    case 'silent':
      return p.fallback ? `${label}${d(p.fallback.value)}: silent → national ${formatCitation(p.fallback.citation)}` : `${label}: silent`;
  }
}

const cadenceText = (c: Cadence) => `every ${c.every.years ? `${c.every.years}y` : `${c.every.months}m`} ${c.window}`;

/**
 * Every value of a profile with its citation, one line each, in a stable order. Used by the
 * per-profile tests (which pin it) and by docs/regulations.md.
 */
export function citationTable(profile: RegulationProfile): string[] {
  const lines: string[] = [];
  const id = profile.identity;
  lines.push(`identity.inForce ${id.inForceFrom ?? '(date not printed)'}: ${formatCitation(id.inForceCitation)}`);
  for (const duty of DUTIES) {
    lines.push(provisionLine(`roles.${duty}`, profile.roles[duty], (v) => `= ${v}`));
  }
  lines.push(provisionLine('mandiriTik.procedure', profile.mandiriTik.procedure));
  lines.push(provisionLine('mandiriTik.criteria', profile.mandiriTik.criteria));
  const criteria = profile.mandiriTik.criteria.kind === 'silent' ? [] : profile.mandiriTik.criteria.value;
  for (const c of criteria) lines.push(`mandiriTik.criteria.${c.id}: ${formatCitation(c.citation)}`);
  for (const g of profile.gates) lines.push(`gates.${g.ruleId} ${g.action} ${g.gate}: ${formatCitation(g.citation)}`);
  lines.push(provisionLine('architecture.validity', profile.architecture.validity, (v) => `${v.years}y`));
  lines.push(provisionLine('architecture.reviewGrounds', profile.architecture.reviewGrounds, (v) => `(${v.length})`));
  lines.push(provisionLine('roadmap.exists', profile.roadmap.exists));
  lines.push(provisionLine('roadmap.validity', profile.roadmap.validity, (v) => `${v.years}y`));
  lines.push(provisionLine('roadmap.reviewGrounds', profile.roadmap.reviewGrounds, (v) => `(${v.length})`));
  for (const k of ['administrative', 'public', 'sectors'] as const) lines.push(provisionLine(`services.${k}`, profile.services[k], (v) => `(${v.length})`));
  for (const o of profile.obligations) {
    lines.push(o.kind === 'periodic' ? provisionLine(`obligations.${o.ruleId}${o.optional ? ' (optional)' : ''}`, o.cadence, cadenceText) : provisionLine(`obligations.${o.ruleId}`, o.provision));
    if (o.kind === 'term-review' && o.term) lines.push(provisionLine(`obligations.${o.ruleId}.term`, o.term, (v) => `${v.from}–${v.to}`));
  }
  for (const r of profile.orderRules) lines.push(`orderRules.${r.ruleId}: ${formatCitation(r.citation)}`);
  return lines;
}
