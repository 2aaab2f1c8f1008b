/**
 * Valid-looking Russian identifiers for generated data: СНИЛС with its Pension Fund checksum
 * and an organisation's ИНН (10 digits) with its tax-service check digit.
 */

/** The two check digits of a СНИЛС for its first nine digits. */
export function snilsChecksum(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  return String((sum % 101) % 100).padStart(2, '0');
}

/**
 * A СНИЛС from a number in [1 001 999, 999 999 999]: the range where the checksum applies
 * (numbers up to 001-001-998 were issued without one).
 */
export function makeSnils(body: number): string {
  if (!Number.isInteger(body) || body < 1_001_999 || body > 999_999_999)
    throw new Error(`СНИЛС body out of range: ${body}`);
  const nine = String(body).padStart(9, '0');
  return nine + snilsChecksum(nine);
}

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

/** The check digit of a legal entity's ИНН for its first nine digits. */
export function innCheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * INN10_WEIGHTS[i]!;
  return String((sum % 11) % 10);
}

/** A legal entity's ИНН: 4-digit tax office code (region + inspection), 5-digit serial, check digit. */
export function makeOrgInn(taxOffice: string, serial: number): string {
  if (!/^\d{4}$/.test(taxOffice)) throw new Error(`tax office code must be 4 digits: ${taxOffice}`);
  const nine = taxOffice + String(serial % 100_000).padStart(5, '0');
  return nine + innCheckDigit(nine);
}

export function isValidOrgInn(inn: string): boolean {
  return /^\d{10}$/.test(inn) && innCheckDigit(inn.slice(0, 9)) === inn[9];
}
