// A policy field's value for reading: money (…Fen) in 元, position codes by name, enumerations by
// label, nested objects and lists inline with their field labels.
import type { ReactNode } from 'react';
import { formatYuan } from '../../format';
import { type Lang, type MessageKey, type Translate, useI18n } from '../../i18n';
import { policyFieldLabel } from '../../labels';
import { POSITIONS, vocabLabel } from '../../workerVocab';

const ENUMS: Record<string, Record<string, MessageKey>> = {
  quotaLevel: { county: 'staffing.quotaLevel.county', city: 'staffing.quotaLevel.city' },
  rounding: { ceil: 'staffing.rounding.ceil', round: 'staffing.rounding.round', floor: 'staffing.rounding.floor' },
  model: {
    COEFFICIENT: 'policy.model.COEFFICIENT',
    COMPONENT: 'policy.model.COMPONENT',
    FLOOR_RATIO: 'policy.model.FLOOR_RATIO',
  },
  code: { leader: 'pf.leader', deputy: 'pf.deputy', general: 'pf.general' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plain text of a value (used inline and in nested objects). */
export function policyValueText(t: Translate, lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return /Fen$/.test(key) ? formatYuan(value, lang) : String(value);
  if (typeof value === 'string') {
    const e = ENUMS[key]?.[value];
    return e ? t(e) : value;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) {
      return value
        .map((v) => ((POSITIONS as readonly string[]).includes(v) ? vocabLabel(t, 'position', v) : v))
        .join('、');
    }
    if (value.every((v) => typeof v === 'number')) return value.join('、');
    return value.map((v) => policyValueText(t, lang, key, v)).join('；');
  }
  if (isRecord(value)) {
    // money inside a …Fen object (postPayFen: {leader, deputy, general}) is money too
    const money = /Fen$/.test(key);
    // a named entry (a grade category) is named once: drop its code
    const entries = Object.entries(value).filter(([k]) => !(k === 'code' && typeof value.name === 'string'));
    return entries
      .map(
        ([k, v]) =>
          `${policyFieldLabel(t, k)} ${policyValueText(t, lang, money && typeof v === 'number' ? `${k}Fen` : k, v)}`,
      )
      .join('；');
  }
  return String(value);
}

/** A value as a block: lists of objects (grade categories, training rules) one per line. */
export function PolicyValue({ field, value }: { field: string; value: unknown }): ReactNode {
  const { t, lang } = useI18n();
  if (Array.isArray(value) && value.some(isRecord)) {
    return (
      <ul className="plain-list">
        {value.map((v, i) => (
          // the list is read-only and keeps its order
          // biome-ignore lint/suspicious/noArrayIndexKey: positional list
          <li key={i}>{policyValueText(t, lang, field, v)}</li>
        ))}
      </ul>
    );
  }
  if (field === 'coefficients' && Array.isArray(value)) {
    return (
      <span className="arithmetic">{value.map((c, i) => `${t('grade.gradeN', { n: i + 1 })} ${c}`).join('，')}</span>
    );
  }
  return policyValueText(t, lang, field, value);
}
