/**
 * Stable ids of the regulation profiles (contract: other parts of the product and tests outside
 * this repository use them). The profiles themselves are in ./profiles.
 */
export const PROFILE_IDS = [
  'pasuruan-perwali-24-2021',
  'samarinda-perwali-draft-2023',
  'kupang-perwali-11-2025',
  'dumai-perwako-18-2019',
  'mojokerto-perbup-15-2021',
  // National baseline for a Pemda whose own regulation is not encoded: it records its values by decree.
  'nasional-perpres-95-2018',
] as const;

export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(id: unknown): id is ProfileId {
  return typeof id === 'string' && (PROFILE_IDS as readonly string[]).includes(id);
}
