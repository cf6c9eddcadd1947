// 变更记录 (F-ARCHIVE): who changed what and when, field by field (GET …/history).
import { Table } from 'antd';
import { useCallback, useEffect } from 'react';
import { api, type WorkerHistoryItem } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../format';
import type { Lang } from '../../i18n';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { type VocabKind, vocabLabel } from '../../workerVocab';

/** Field names in the history (stored columns or operation inputs) → label key. */
const FIELD_KEYS: Record<string, MessageKey> = {
  id: 'wf.id',
  name: 'wf.name',
  idNumber: 'wf.idNumber',
  gender: 'wf.gender',
  birthDate: 'wf.birthDate',
  ethnicity: 'wf.ethnicity',
  phone: 'wf.phone',
  category: 'wf.category',
  position: 'wf.position',
  status: 'wf.status',
  hiredOn: 'wf.startDate',
  startDate: 'wf.startDate',
  politicalStatus: 'wf.politicalStatus',
  education: 'wf.education',
  educationFulltime: 'wf.educationFulltime',
  major: 'wf.major',
  socialWorkMajor: 'wf.socialWorkMajor',
  homeRegionCode: 'wf.homeRegionCode',
  veteran: 'wf.veteran',
  graduateEntrant: 'wf.graduateEntrant',
  graduateYear: 'wf.graduateYear',
  qualification: 'wf.qualification',
  exitType: 'wf.exitType',
  exitDate: 'wf.exitDate',
  exitReason: 'wf.exitReason',
  regionCode: 'wf.regionCode',
  term: 'wf.term',
  origin: 'wf.origin',
  userId: 'wf.userId',
  date: 'wf.date',
  reason: 'wf.reason',
  added: 'wf.added',
};

/** Coded fields whose values get their labels. */
const CODED: Record<string, VocabKind> = {
  gender: 'gender',
  category: 'category',
  position: 'position',
  status: 'status',
  politicalStatus: 'political',
  education: 'education',
  educationFulltime: 'education',
  qualification: 'qualification',
  level: 'qualification',
  exitType: 'periodEnd',
  origin: 'origin',
};

const ACTIONS: Record<string, MessageKey> = {
  'worker.create': 'history.action.create',
  'worker.update': 'history.action.update',
  'worker.transfer': 'history.action.transfer',
  'worker.exit': 'history.action.exit',
  'worker.position': 'history.action.position',
  'worker.qualification': 'history.action.qualification',
  'worker.reveal': 'history.action.reveal',
  'worker.import': 'history.action.import',
};

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function fieldLabel(t: Translate, field: string): string {
  const key = FIELD_KEYS[camel(field)];
  return key ? t(key) : field;
}

export function valueText(t: Translate, lang: Lang, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const kind = CODED[camel(field)];
  if (kind && typeof value === 'string') return vocabLabel(t, kind, value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(
        ([k, v]) =>
          `${fieldLabel(t, k === 'level' ? 'qualification' : k === 'obtainedOn' ? 'date' : k)}：${valueText(t, lang, k, v)}`,
      )
      .join('，');
  }
  return String(value);
}

export function HistoryTab({ workerId, version }: { workerId: number; version: number }) {
  const { t, lang } = useI18n();
  const loader = useCallback(() => api.workerHistory(workerId), [workerId]);
  const { data, error, loading, reload } = useLoad(loader);

  // re-read after the record changed
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  if (error) return <LoadError error={error} />;
  return (
    <div data-testid="history-table">
      <Table<WorkerHistoryItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('history.at'), key: 'at', render: (_v, h) => formatDateTime(h.at, lang) },
          { title: t('history.actor'), dataIndex: 'actorName' },
          {
            title: t('history.action'),
            key: 'action',
            render: (_v, h) => (ACTIONS[h.action] ? t(ACTIONS[h.action]) : h.action),
          },
          {
            title: t('history.changes'),
            key: 'changes',
            render: (_v, h) => {
              // a new record lists every field; the empty ones say nothing
              const changes = h.changes.filter(
                (c) => valueText(t, lang, c.field, c.from) !== valueText(t, lang, c.field, c.to),
              );
              return changes.length === 0 ? (
                '—'
              ) : (
                <ul className="change-list">
                  {changes.map((c) => (
                    <li key={c.field}>
                      <span className="change-field">{fieldLabel(t, c.field)}</span>：
                      {valueText(t, lang, c.field, c.from)}
                      <span className="change-arrow"> → </span>
                      {valueText(t, lang, c.field, c.to)}
                    </li>
                  ))}
                </ul>
              );
            },
          },
        ]}
      />
    </div>
  );
}
