/**
 * Personal numbers inside stored JSON (the audit log's before/after): one masking function for every
 * view of it, so a role that may not see full ID and mobile numbers (`worker.reveal`) never gets them
 * from the audit viewer or a worker's change history either.
 *
 * Two passes: the values under the keys that carry personal numbers are masked whole (a new entity type
 * is covered by naming its keys in PERSONAL_KEYS), and any other string is scanned for an ID number or a
 * mobile number typed into free text (a reason, a note, a file name).
 */
import { maskIdNumber, maskPhone } from './id-number.js';

/**
 * The keys the audit entries write personal numbers under, with their masks (grep of the services' audit
 * calls: worker.* entries carry the worker record in the API's vocabulary — idNumber, phone; the applicant
 * and cadre entries spread their inputs — idNumber, phone; rows of the database shape use id_number).
 */
export const PERSONAL_KEYS: Readonly<Record<string, (v: string) => string>> = {
  idNumber: maskIdNumber,
  id_number: maskIdNumber,
  phone: maskPhone,
};

// An 18-character ID number (17 digits and a check digit or X) or a mainland mobile number standing alone
// in text: not part of a longer run of letters or digits (a hash, a certificate number, a region code).
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

const maskText = (s: string): string =>
  s.replace(ID_IN_TEXT, (m) => maskIdNumber(m)).replace(PHONE_IN_TEXT, (m) => maskPhone(m));

/**
 * A copy of `value` with personal numbers masked. `key` is the key the value sits under (for a field-level
 * history whose field names are data, not keys). Values that are not JSON-like pass through unchanged.
 */
export function maskPersonal(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    const mask = key === undefined ? undefined : PERSONAL_KEYS[key];
    return mask ? mask(value) : maskText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonal(v, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPersonal(v, k);
    return out;
  }
  return value;
}

/** Does `value` hold a personal number that masking would hide (so showing it whole is a read to audit)? */
export const holdsPersonal = (value: unknown): boolean =>
  JSON.stringify(maskPersonal(value) ?? null) !== JSON.stringify(value ?? null);
