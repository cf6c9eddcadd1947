// On a worker's timeline (issue 6): their exit requests with the documents (files downloadable, each
// download audited) and the registered terms (届) they served in.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { type ExitRequest, exitsApi, fileUrl, type Term } from './exitsApi';
import { useTx } from './useTx';

export const EXIT_STATE_COLORS: Record<string, string> = { pending: 'orange', approved: 'green', returned: 'default' };

/** The documents of a request, each with its number, date and (when uploaded) a download link. */
export function ExitDocuments({ r }: { r: ExitRequest }) {
  const { tx, lang } = useTx();
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
            <Typography.Text type="secondary"> {tx('（未上传文件）', '(no file)')}</Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

export function WorkerExitsTerms({ workerId }: { workerId: number }) {
  const { tx, lang } = useTx();
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
        <Card size="small" title={tx('离岗申请与材料', 'Exit requests and documents')} data-testid="worker-exit-requests">
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
                      {tx('离岗日期', 'Date')} {formatDate(r.date, lang)}
                    </span>
                    <span>{r.reason}</span>
                    <Typography.Text type="secondary">
                      {tx(`${r.proposedBy} 于 ${formatDate(r.proposedOn, lang)} 提出`, `proposed by ${r.proposedBy} on ${r.proposedOn}`)}
                      {r.decidedOn ? tx(`；${r.decidedBy} 于 ${formatDate(r.decidedOn, lang)} ${r.state === 'approved' ? '批准' : '退回'}`, `; ${r.state} by ${r.decidedBy} on ${r.decidedOn}`) : ''}
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
        <Card size="small" title={tx('届次', 'Terms served')} data-testid="worker-terms">
          {served.map((t) => {
            const m = t.members.find((x) => x.workerId === workerId);
            return (
              <div key={t.id}>
                {t.regionName}
                {t.termName}（{formatDate(t.electedOn, lang)}—{t.closedOn ? formatDate(t.closedOn, lang) : tx('至今', 'now')}）{m ? ` ${m.positionName}` : ''}{' '}
                {t.completed ? <Tag color="green">{tx('换届届满', 'Full term')}</Tag> : t.closedOn ? <Tag>{t.closeReasonName}</Tag> : <Tag color="blue">{tx('本届', 'Current')}</Tag>}
              </div>
            );
          })}
        </Card>
      )}
    </Space>
  );
}
