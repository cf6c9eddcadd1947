// 待办 on the region dashboard (issue 6): probation ending, retirement age reached or near, contracts to
// renew, secretaries not filed — each a link to its list.
import { Card, Space, Statistic } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { type ApiResponse, request } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { lifecycleApi } from './lifecycleApi';

export function LifecycleDueCard({ code }: { code: string }) {
  const { t } = useI18n();
  const loader = useCallback(
    () =>
      Promise.all([
        lifecycleApi.probation(code),
        lifecycleApi.retirements(code),
        request<ApiResponse<'/api/secretaries/filings'>>('GET', '/api/secretaries/filings', undefined, {
          region: code,
        }),
        request<ApiResponse<'/api/lifecycle/contracts/due'>>('GET', '/api/lifecycle/contracts/due', undefined, {
          region: code,
        }),
      ]),
    [code],
  );
  const s = useLoad(loader);
  if (!s.data) return null;
  const [p, r, f, c] = s.data;
  return (
    <Card title={t('lifecycle.lifecycleToDo')} data-testid="lifecycle-due" size="small">
      <Space size="large" wrap>
        <Link to="/lifecycle?tab=probation">
          <Statistic
            title={t('lifecycle.probationOverdue')}
            value={p.counts.overdue}
            valueStyle={{ color: p.counts.overdue ? '#cf1322' : undefined }}
          />
        </Link>
        <Link to="/lifecycle?tab=probation">
          <Statistic title={t('lifecycle.probationEnding')} value={p.counts.dueSoon} />
        </Link>
        <Link to="/lifecycle?tab=retirement">
          <Statistic title={t('lifecycle.retiringWithinMonthsMonths', { months: r.months })} value={r.items.length} />
        </Link>
        <Link to="/lifecycle?tab=contracts">
          <Statistic title={t('lifecycle.contractsToRenew')} value={c.counts.expired + c.counts.dueSoon} />
        </Link>
        <Link to="/lifecycle?tab=secretaries">
          <Statistic title={t('lifecycle.secretariesUnfiled')} value={f.counts.unfiled + f.counts.returned} />
        </Link>
      </Space>
    </Card>
  );
}
