// On a worker's timeline (issue 6): their exit requests with the documents (files downloadable, each
// download audited) and the registered terms (届) they served in.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { type ExitRequest, exitsApi, fileUrl, type Term } from './exitsApi';

export const EXIT_STATE_COLORS: Record<string, string> = { pending: 'orange', approved: 'green', returned: 'default' };

/** The documents of a request, each with its number, date and (when uploaded) a download link. */
export function ExitDocuments({ r }: { r: ExitRequest }) {
  const { t, lang } = useI18n();
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={`exit-docs-${r.id}`}>
      {r.documents.map((d) => (
        <li key={d.id}>
          {d.kindName}：{d.title}
          {d.number ? `（${d.number}）` : ''}，{formatDate(d.date, lang)}
          {d.file ? (
            <>
              {' '}
              <a href={fileUrl(r.id, d.id)} data-testid={`exit-doc-download-${d.id}`}>
                {d.file.name}
              </a>{' '}
              <Typography.Text type="secondary">({Math.ceil(d.file.size / 1024)} KB)</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary"> {t('exits.noFile')}</Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

export function WorkerExitsTerms({ workerId }: { workerId: number }) {
  const { t, lang } = useI18n();
  const exitsLoader = useCallback(() => exitsApi.list({ workerId }), [workerId]);
  const termsLoader = useCallback(() => exitsApi.terms({ workerId }), [workerId]);
  const exits = useLoad(exitsLoader);
  const terms = useLoad(termsLoader);
  const requests = exits.data?.items ?? [];
  const served: Term[] = terms.data?.items ?? [];
  if (!requests.length && !served.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {requests.length > 0 && (
        <Card size="small" title={t('exits.exitRequestsAndDocuments')} data-testid="worker-exit-requests">
          <List
            size="small"
            dataSource={requests}
            renderItem={(r) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color={EXIT_STATE_COLORS[r.state]}>{r.stateName}</Tag>
                    <b>{r.typeName}</b>
                    <span>
                      {t('exits.date2')} {formatDate(r.date, lang)}
                    </span>
                    <span>{r.reason}</span>
                    <Typography.Text type="secondary">
                      {t('exits.proposedBy', { who: r.proposedBy, date: formatDate(r.proposedOn, lang) })}
                      {r.decidedOn
                        ? t(r.state === 'approved' ? 'exits.approvedBy' : 'exits.returnedBy', {
                            who: r.decidedBy ?? '',
                            date: formatDate(r.decidedOn, lang),
                          })
                        : ''}
                      {r.decisionNote ? `（${r.decisionNote}）` : ''}
                    </Typography.Text>
                  </Space>
                  <ExitDocuments r={r} />
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {served.length > 0 && (
        <Card size="small" title={t('exits.termsServed')} data-testid="worker-terms">
          {served.map((term) => {
            const m = term.members.find((x) => x.workerId === workerId);
            return (
              <div key={term.id}>
                {term.regionName}
                {term.termName}（{formatDate(term.electedOn, lang)}—
                {term.closedOn ? formatDate(term.closedOn, lang) : t('exits.now')}）{m ? ` ${m.positionName}` : ''}{' '}
                {term.completed ? (
                  <Tag color="green">{t('exits.fullTerm')}</Tag>
                ) : term.closedOn ? (
                  <Tag>{term.closeReasonName}</Tag>
                ) : (
                  <Tag color="blue">{t('exits.current')}</Tag>
                )}
              </div>
            );
          })}
        </Card>
      )}
    </Space>
  );
}
