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
