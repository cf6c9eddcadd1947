// Display formats: dates as YYYY年MM月DD日 (times HH:mm), numbers with Chinese grouping.
import type { Lang } from './i18n';

const pad = (n: number) => String(n).padStart(2, '0');

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  // A calendar day (YYYY-MM-DD) is that day wherever the browser is, not UTC midnight.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(y, m - 1, d);
  }
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(value: string | Date | null | undefined, lang: Lang = 'zh'): string {
  const d = toDate(value);
  if (!d) return '—';
  const y = d.getFullYear();
  const m = pad(d.getMonth() + 1);
  const day = pad(d.getDate());
  return lang === 'zh' ? `${y}年${m}月${day}日` : `${y}-${m}-${day}`;
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang = 'zh'): string {
  const d = toDate(value);
  if (!d) return '—';
  return `${formatDate(d, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatNumber(value: number | null | undefined, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US').format(value);
}

/**
 * Money from integer fen: 384999 → "3,849.99 元" (Chinese) / "¥3,849.99" (English). Integer
 * arithmetic only, so no float rounding creeps in; negative amounts keep their sign.
 */
export function formatYuan(fen: number | null | undefined, lang: Lang = 'zh'): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '−' : '';
  const a = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${yuan}.${pad(a % 100)}`;
  return lang === 'zh' ? `${sign}${amount} 元` : `${sign}¥${amount}`;
}

/** A decimal figure with a fixed number of places (per10k 18.52), or '—'. */
export function formatFixed(value: number | null | undefined, digits: number, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}
