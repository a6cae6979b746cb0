/**
 * Stable ids of the regulation profiles (contract: other parts of the product and tests outside
 * this repository use them). The profiles themselves — roles, criteria, gates, cycles with their
 * citations — are built in this library by the regulation-profiles work.
 */
export const PROFILE_IDS = [
  'pasuruan-perwali-24-2021',
  'samarinda-perwali-draft-2023',
  'kupang-perwali-11-2025',
  'dumai-perwako-18-2019',
  'mojokerto-perbup-15-2021',
] as const;

export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(id: unknown): id is ProfileId {
  return typeof id === 'string' && (PROFILE_IDS as readonly string[]).includes(id);
}
