/**
 * Kemendagri province codes that exist (2025), as the first two digits of a NIK or KK number.
 * 91-97 cover Papua before and after the 2022 splits: Kemendagri and BPS number the new
 * provinces differently and both numberings occur in NIKs and extracts, so all are accepted.
 * A code outside this list and outside RETIRED_PROVINCE_CODES has never been a province.
 */
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19',
  '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96', '97',
];

/**
 * Province codes that existed and were retired. A number keeps the code it was first issued
 * under, so these give a warning, not an error. 54: Timor Timur, until 1999.
 */
export const RETIRED_PROVINCE_CODES: readonly string[] = ['54'];

const existing = new Set(PROVINCE_CODES);
const retired = new Set(RETIRED_PROVINCE_CODES);

export function provinceCodeStatus(code: string): 'exists' | 'retired' | 'never_existed' {
  if (existing.has(code)) return 'exists';
  return retired.has(code) ? 'retired' : 'never_existed';
}
