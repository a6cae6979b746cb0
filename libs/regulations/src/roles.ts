import { AuthError, RuleViolationError, type Role } from '@spbe/ledger-core';
import { formatCitation } from './citation-table';
import { DUTY_LABELS, HOLDER_ROLES, resolve, type Citation, type Duty, type Holder, type RegulationProfile } from './model';

export interface DutyHolder {
  duty: Duty;
  holder: Holder;
  citation: Citation;
  roles: readonly Role[];
}

/**
 * Who may record a decision of `duty` under the profile: the body the regulation names, and the
 * authenticated roles that record that body's decisions (HOLDER_ROLES). Where the regulation names no
 * one and the Pemda has not decided by decree, the decision cannot be recorded yet (422).
 */
export function dutyHolder(profile: RegulationProfile, duty: Duty): DutyHolder {
  const r = resolve(profile.roles[duty]);
  if (!r) {
    const label = DUTY_LABELS[duty];
    throw new RuleViolationError(
      'DUTY_NOT_ASSIGNED',
      `${label.id} tidak diatur dalam ${profile.id}; catat keputusan Pemda (roles.${duty}) lebih dahulu / ${profile.id} names no one to "${label.en}"; record the Pemda's decree (roles.${duty}) first`,
      { regulation: profile.id, article: '(tidak diatur / silent)' },
      { duty },
    );
  }
  return { duty, holder: r.value, citation: r.citation, roles: HOLDER_ROLES[r.value] };
}

/** Whether the profile gives `duty` to a body whose decisions `role` records (false where no one is named). */
export function holdsDuty(profile: RegulationProfile, duty: Duty, role: Role): boolean {
  const r = resolve(profile.roles[duty]);
  return !!r && HOLDER_ROLES[r.value].includes(role);
}

/** Refuses (403) a role the profile does not empower for `duty`, naming the article. */
export function assertDutyRole(profile: RegulationProfile, duty: Duty, role: Role): DutyHolder {
  const h = dutyHolder(profile, duty);
  if (!h.roles.includes(role)) {
    throw new AuthError(
      'forbidden',
      `${DUTY_LABELS[duty].id} adalah ${h.holder} (${formatCitation(h.citation)}); dicatat oleh peran ${h.roles.join(' / ')}, bukan ${role} / ` +
        `"${DUTY_LABELS[duty].en}" belongs to ${h.holder} (${formatCitation(h.citation)}); recorded by role ${h.roles.join(' / ')}, not ${role}`,
    );
  }
  return h;
}
