// 政策配置 (policy is data): the policy in force for a region and date with the documents that
// supplied each section, every document version that applies there, and — for policy.edit — the
// editor that publishes a new version (old versions are kept).
import { Card, Skeleton, Space, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { useAuth, useMe } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { DateInput, isoOf, type PickedDate } from '../workers/WorkerFields';
import { EffectivePolicyView } from './EffectivePolicyView';
import { PolicyDocumentsTable } from './PolicyDocumentsTable';
import { PolicyEditor } from './PolicyEditor';

export function PoliciesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const [region, setRegion] = useState<string>(me.regionCode);
  const [date, setDate] = useState<PickedDate | null>(null);
  const [tab, setTab] = useState('effective');
  const iso = isoOf(date) ?? undefined;

  const effectiveLoader = useCallback(() => api.effectivePolicy(region, iso), [region, iso]);
  const effective = useLoad(effectiveLoader);
  const documentsLoader = useCallback(() => api.policies(region), [region]);
  const documents = useLoad(documentsLoader);

  const published = () => {
    effective.reload();
    documents.reload();
    setTab('documents');
  };

  return (
    <Card
      title={t('policy.title')}
      data-testid="policies-page"
      extra={
        <Space wrap>
          <Typography.Text>{t('policy.region')}</Typography.Text>
          <RegionTreeSelect
            value={region}
            onChange={(v) => setRegion(v ?? me.regionCode)}
            style={{ width: 220 }}
            data-testid="policies-region"
          />
          <Typography.Text>{t('policy.date')}</Typography.Text>
          <div style={{ width: 180 }}>
            <DateInput value={date} onChange={setDate} data-testid="policies-date" />
          </div>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'effective',
            label: t('policy.effective'),
            children: effective.error ? (
              <LoadError error={effective.error} />
            ) : !effective.data ? (
              <Skeleton active />
            ) : (
              <EffectivePolicyView data={effective.data} />
            ),
          },
          {
            key: 'documents',
            label: t('policy.documents'),
            children: documents.error ? (
              <LoadError error={documents.error} />
            ) : (
              <PolicyDocumentsTable items={documents.data?.items ?? []} loading={documents.loading} />
            ),
          },
          ...(can('policy.edit')
            ? [
                {
                  key: 'editor',
                  label: t('policy.editor'),
                  children: <PolicyEditor regionCode={region} effective={effective.data} onPublished={published} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
