import { ValidationError } from '@spbe/ledger-core';
import type { RegulationProfile } from '../model';
import { PROFILE_IDS, ProfileId } from '../profile-ids';
import { dumai } from './dumai';
import { kupang } from './kupang';
import { mojokerto } from './mojokerto';
import { nasional } from './nasional';
import { pasuruan } from './pasuruan';
import { samarinda } from './samarinda';

export const PROFILES: Readonly<Record<ProfileId, RegulationProfile>> = {
  'pasuruan-perwali-24-2021': pasuruan,
  'samarinda-perwali-draft-2023': samarinda,
  'kupang-perwali-11-2025': kupang,
  'dumai-perwako-18-2019': dumai,
  'mojokerto-perbup-15-2021': mojokerto,
  'nasional-perpres-95-2018': nasional,
};

/** A profile by id; an unknown id is refused naming the field and the known ids. */
export function getProfile(profileId: unknown, field = 'profileId'): RegulationProfile {
  const p = typeof profileId === 'string' ? (PROFILES as Record<string, RegulationProfile>)[profileId] : undefined;
  if (!p) throw new ValidationError(field, `unknown regulation profile "${String(profileId)}"; known: ${PROFILE_IDS.join(', ')}`);
  return p;
}
