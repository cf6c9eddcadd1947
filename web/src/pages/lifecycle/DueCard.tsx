// 待办 on the region dashboard (issue 6): probation ending, retirement age reached or near, contracts to
// renew, secretaries not filed — each a link to its list.
import { Card, Space, Statistic } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { request } from '../../api';
import { useLoad } from '../../useLoad';
import { lifecycleApi } from './lifecycleApi';
import { useTx } from './useTx';

export function LifecycleDueCard({ code }: { code: string }) {
  const { tx } = useTx();
  const loader = useCallback(
    () =>
      Promise.all([
        lifecycleApi.probation(code),
        lifecycleApi.retirements(code),
        request<{ counts: { unfiled: number; returned: number } }>('GET', '/api/secretaries/filings', undefined, { region: code }),
        request<{ counts: { expired: number; dueSoon: number } }>('GET', '/api/lifecycle/contracts/due', undefined, { region: code }),
      ]),
    [code],
  );
  const s = useLoad(loader);
  if (!s.data) return null;
  const [p, r, f, c] = s.data;
  return (
    <Card title={tx('人员进出待办', 'Lifecycle to-do')} data-testid="lifecycle-due" size="small">
      <Space size="large" wrap>
        <Link to="/lifecycle?tab=probation">
          <Statistic title={tx('试用期已满待考核', 'Probation overdue')} value={p.counts.overdue} valueStyle={{ color: p.counts.overdue ? '#cf1322' : undefined }} />
        </Link>
        <Link to="/lifecycle?tab=probation">
          <Statistic title={tx('试用期即将期满', 'Probation ending')} value={p.counts.dueSoon} />
        </Link>
        <Link to="/lifecycle?tab=retirement">
          <Statistic title={tx(`${r.months} 个月内到龄退休`, `Retiring within ${r.months} months`)} value={r.items.length} />
        </Link>
        <Link to="/lifecycle?tab=contracts">
          <Statistic title={tx('合同到期或即将到期', 'Contracts to renew')} value={c.counts.expired + c.counts.dueSoon} />
        </Link>
        <Link to="/lifecycle?tab=secretaries">
          <Statistic title={tx('书记未备案（含退回）', 'Secretaries unfiled')} value={f.counts.unfiled + f.counts.returned} />
        </Link>
      </Space>
    </Card>
  );
}
