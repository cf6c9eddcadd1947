// 政策文件: every version of every level that applies to the region, newest first; a row opens to
// its basis and the document itself.
import { Table, Tag } from 'antd';
import type { PolicyDocumentView } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { levelLabel, sectionLabel } from '../../labels';

const LEVEL_COLORS: Record<string, string> = { nation: 'red', province: 'volcano', city: 'gold', county: 'blue' };

export function PolicyDocumentsTable({ items, loading }: { items: PolicyDocumentView[]; loading: boolean }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="policy-documents">
      <Table<PolicyDocumentView>
        rowKey={(d) => String(d.id)}
        size="small"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('policy.documentsEmpty') }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (d) => (
            <div className="page-stack">
              {d.basis && (
                <div>
                  <span className="muted-text">{t('policy.basis')}：</span>
                  {d.basis}
                </div>
              )}
              <pre className="json-block">{JSON.stringify(d.document, null, 2)}</pre>
            </div>
          ),
        }}
        columns={[
          {
            title: t('policy.level'),
            dataIndex: 'level',
            render: (level: string) => <Tag color={LEVEL_COLORS[level] ?? 'default'}>{levelLabel(t, level)}</Tag>,
          },
          { title: t('policy.region'), dataIndex: 'regionName' },
          { title: t('policy.version'), dataIndex: 'version', render: (n: number) => t('policy.versionN', { n }) },
          { title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string) => formatDate(v, lang) },
          {
            title: t('policy.docTitle'),
            dataIndex: 'title',
            render: (title: string, d) => (
              <>
                {title}
                {(d.document?.pay as { example?: boolean } | undefined)?.example === true && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('policy.example')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('policy.sections'),
            key: 'sections',
            render: (_v, d) => Object.keys(d.document ?? {}).map((s) => <Tag key={s}>{sectionLabel(t, s)}</Tag>),
          },
          { title: t('policy.createdBy'), dataIndex: 'createdBy' },
          { title: t('policy.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
        ]}
      />
    </div>
  );
}
