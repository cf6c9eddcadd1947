/**
 * F-EXIT exit requests (离岗审批): which supporting documents each exit type needs, the retirement
 * date against the statutory one, the files that may be attached, and when a registered term (届)
 * counts as served to its end. Pure rules, no I/O; table-tested in exit.test.ts.
 */
import { addYears, chineseDate } from './dates.js';
import type { FieldError } from './errors.js';
import type { PeriodEnd } from './worker-vocab.js';

/** Kinds of supporting document (离岗材料). */
export const EXIT_DOCUMENT_KINDS = {
  recallResolution: '居民会议/居民代表会议罢免决议',
  resignationLetter: '辞职申请书',
  dismissalNotice: '解聘通知书',
  retirementApproval: '退休审批表',
  deathCertificate: '死亡证明',
  other: '其他',
} as const;
export type ExitDocumentKind = keyof typeof EXIT_DOCUMENT_KINDS;

export type ExitType = Exclude<PeriodEnd, 'transfer'>;

/**
 * The documents each exit type requires (at least one of each kind listed). Recall needs the
 * resolution of the residents' (representatives') meeting (《城市居民委员会组织法》: 罢免 by the
 * meeting that elected); resignation the written application; dismissal the notice; retirement the
 * approval form; death a death certificate. 其他 may be added to any request and satisfies none.
 */
export const REQUIRED_EXIT_DOCUMENTS: Record<ExitType, ExitDocumentKind[]> = {
  recall: ['recallResolution'],
  dismissal: ['dismissalNotice'],
  resignation: ['resignationLetter'],
  retirement: ['retirementApproval'],
  death: ['deathCertificate'],
};

/** The missing required documents of a proposal, one field error each (`documents`). Empty = complete. */
export function missingExitDocuments(type: ExitType, kinds: readonly string[]): FieldError[] {
  return REQUIRED_EXIT_DOCUMENTS[type]
    .filter((k) => !kinds.includes(k))
    .map((k) => ({ field: 'documents', message: `${EXIT_TYPE_LABELS[type]}须附${EXIT_DOCUMENT_KINDS[k]}` }));
}

export const EXIT_TYPE_LABELS: Record<ExitType, string> = {
  recall: '罢免',
  dismissal: '解聘',
  resignation: '辞职',
  retirement: '退休',
  death: '死亡',
};

/**
 * Retirement before the statutory date (F-EXIT with the 2025 reform): allowed only with a stated
 * reason for early retirement (e.g. 特殊工种, 因病完全丧失劳动能力 — the approving office checks it
 * against the law). Decision: the date itself is never refused; a missing reason is, naming
 * `earlyRetirementReason`. Returns null when the date is acceptable.
 */
export function retirementDateProblem(
  exitDate: string,
  statutoryDate: string,
  earlyReason: string | null | undefined,
): FieldError | null {
  if (exitDate >= statutoryDate) return null;
  if (earlyReason?.trim()) return null;
  return {
    field: 'earlyRetirementReason',
    message: `退休日期 ${chineseDate(exitDate)} 早于法定退休日期 ${chineseDate(statutoryDate)}，提前退休须填写提前退休原因`,
  };
}

/** Files accepted as documents, by extension, with the MIME type stored and the leading bytes checked. */
export const EXIT_FILE_TYPES: Record<string, { mime: string; magic: number[] }> = {
  '.pdf': { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  '.jpg': { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  '.jpeg': { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  '.png': { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  '.docx': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  '.xlsx': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
};
export const EXIT_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The file's MIME type, or the reason it is refused (field `file`). */
export function checkExitFile(fileName: string, bytes: Uint8Array): { mime: string } | { error: string } {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  const t = EXIT_FILE_TYPES[ext];
  if (!t) return { error: '只接受 pdf、jpg、png、docx、xlsx 文件' };
  if (bytes.length === 0) return { error: '文件为空' };
  if (bytes.length > EXIT_FILE_MAX_BYTES) return { error: '文件超过 5 MB' };
  if (!t.magic.every((b, i) => bytes[i] === b)) return { error: `文件内容与扩展名 ${ext} 不符` };
  return { mime: t.mime };
}

// ---------------------------------------------------------------- terms (届) register

/** How a term ended: at the next election (换届, served to its end) or early (提前结束, e.g. dissolution). */
export const TERM_CLOSE_REASONS = { election: '换届届满', early: '提前结束' } as const;
export type TermCloseReason = keyof typeof TERM_CLOSE_REASONS;

/** A term's planned end: `fullTermYears` after the election (the next election is due by then). */
export const termEndOf = (electedOn: string, fullTermYears: number): string => addYears(electedOn, fullTermYears);

/**
 * Is a registered term complete (届满)? Decision: when it was closed by the next election (换届), however
 * many days short of the planned end that election fell (elections are held in nation-wide rounds);
 * a term closed early, or still open, is not.
 */
export const termCompleted = (t: { closedOn: string | null; closeReason: string | null }): boolean =>
  t.closedOn !== null && t.closeReason === 'election';

/** 第N届 in Chinese numerals (1–99). */
export function termName(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return `第${d[n]}届`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `第${tens === 1 ? '' : d[tens]}十${ones ? d[ones] : ''}届`;
}
