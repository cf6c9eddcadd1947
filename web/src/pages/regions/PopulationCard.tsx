import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useCallback, useState } from 'react';
import { api, type PopulationItem } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { PopulationModal } from './PopulationModal';

interface Props {
  code: string;
  canEdit: boolean;
  onChanged: () => void;
}

export function PopulationCard({ code, canEdit, onChanged }: Props) {
  const { t, lang } = useI18n();
  const loader = useCallback(() => api.population(code), [code]);
  const { data, error, loading, reload } = useLoad(loader);
  const [editing, setEditing] = useState<PopulationItem | 'new' | null>(null);

  const items = [...(data?.items ?? [])].sort((a, b) => b.year - a.year);

  return (
    <Card
      title={t('pop.title')}
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="population-add">
            {t('pop.add')}
          </Button>
        )
      }
    >
      {error ? (
        <LoadError error={error} />
      ) : (
        <div data-testid="population-table">
          <Table<PopulationItem>
            rowKey="year"
            size="small"
            loading={loading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: t('pop.empty') }}
            columns={[
              { title: t('pop.year'), dataIndex: 'year' },
              {
                title: t('pop.urban'),
                dataIndex: 'urbanResidentPopulation',
                align: 'right',
                render: (n: number) => formatNumber(n, lang),
              },
              {
                title: t('pop.total'),
                dataIndex: 'totalResidentPopulation',
                align: 'right',
                render: (n: number | null) => formatNumber(n, lang),
              },
              ...(canEdit
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 100,
                      render: (_v: unknown, r: PopulationItem) => (
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                          {t('common.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
      {canEdit && (
        <PopulationModal
          code={code}
          item={editing === 'new' ? null : editing}
          open={editing !== null}
          defaultYear={items.length > 0 ? items[0].year + 1 : new Date().getFullYear()}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
