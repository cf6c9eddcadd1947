import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Skeleton, Space } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { committeeLabel, levelLabel } from '../../labels';
import { useLoad } from '../../useLoad';
import { LifecycleDueCard } from '../lifecycle/DueCard';
import { ComplianceTile } from '../training/ComplianceTile';
import { ChildrenTable } from './ChildrenTable';
import { PopulationCard } from './PopulationCard';
import { RegionEditModal } from './RegionEditModal';

export function RegionPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [editOpen, setEditOpen] = useState(false);
  const loader = useCallback(() => api.region(code), [code]);
  const { data, error, loading, reload } = useLoad(loader);

  if (error) return <LoadError error={error} />;
  if (!data || (loading && data.region.code !== code)) return <Skeleton active />;

  const { region, ancestors, children } = data;
  const pop = region.population;

  return (
    <div className="page-stack" data-testid="region-page">
      <Breadcrumb
        data-testid="region-breadcrumb"
        items={[
          ...ancestors.map((a) => ({ key: a.code, title: <Link to={`/regions/${a.code}`}>{a.name}</Link> })),
          { key: region.code, title: region.name },
        ]}
      />
      <Card
        title={<span data-testid="region-name">{region.name}</span>}
        extra={
          <Space wrap>
            {can('policy.read') && (
              <Link to={`/staffing/${region.code}`}>
                <Button icon={<BarChartOutlined />} data-testid="region-staffing">
                  {t('staffing.view')}
                </Button>
              </Link>
            )}
            {can('region.update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="region-edit">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'code', label: t('region.code'), children: region.code },
            { key: 'level', label: t('region.level'), children: levelLabel(t, region.level) },
            { key: 'committee', label: t('region.committeeType'), children: committeeLabel(t, region.committeeType) },
            { key: 'class', label: t('region.urbanRuralClass'), children: region.urbanRuralClass ?? '—' },
            {
              key: 'population',
              label: pop ? t('region.populationYear', { year: pop.year }) : t('region.population'),
              children: pop ? t('unit.people', { n: formatNumber(pop.urbanResidentPopulation, lang) }) : '—',
            },
            { key: 'children', label: t('region.childCount'), children: formatNumber(region.childCount, lang) },
          ]}
        />
      </Card>
      {can('training.read') && <ComplianceTile key={region.code} code={region.code} />}
      {children.length > 0 && (
        <Card title={t('region.children')}>
          <ChildrenTable items={children} showStaffing={can('policy.read')} />
        </Card>
      )}
      <PopulationCard code={region.code} canEdit={can('population.update')} onChanged={reload} />
      {can('lifecycle.read') && region.level !== 'nation' && <LifecycleDueCard code={region.code} />}
      {can('region.update') && (
        <RegionEditModal
          region={region}
          open={editOpen}
          onClose={() => setEditOpen(false)}
          onSaved={() => {
            setEditOpen(false);
            reload();
          }}
        />
      )}
    </div>
  );
}
