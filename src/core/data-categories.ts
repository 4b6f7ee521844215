/**
 * Categories of personal data, as a breach notification names them (GDPR art. 33). `special` is
 * for the special categories of art. 9 (health, religion, ethnicity…), which only the policy can
 * declare.
 */
export const dataCategories = [
  'identifier',
  'contact',
  'address',
  'birthDate',
  'name',
  'freeText',
  'special',
  'other',
] as const;
export type DataCategory = (typeof dataCategories)[number];
