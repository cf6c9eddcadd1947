/**
 * The region subtree of a code prefix as a closed range of 12-digit codes, for
 * `region_code between $lo and $hi` (an index range scan on both engines). Every repository takes its
 * subtree from here.
 */
export const scopeRange = (prefix: string): [lo: string, hi: string] => [
  prefix.padEnd(12, '0'),
  prefix.padEnd(12, '9'),
];
