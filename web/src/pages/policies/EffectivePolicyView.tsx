// 现行政策: the policy in force for a region on a date, one card per section with its fields, and
// which documents (level, region, version, effective date) supplied it. Example figures say 示例.
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { type EffectivePolicy, POLICY_SECTIONS, type PolicySection } from '../../api';
import { SourceTag } from '../../components/PolicySources';
import { useI18n } from '../../i18n';
import { policyFieldLabel, sectionLabel } from '../../labels';
import { PolicyValue } from './PolicyValue';

/** True when a section's figures are examples (pay.example, or an `example` flag on any section). */
export const isExample = (section: Record<string, unknown> | undefined): boolean => section?.example === true;

export function EffectivePolicyView({ data }: { data: EffectivePolicy }) {
  const { t } = useI18n();
  const known = new Set<string>(POLICY_SECTIONS);
  const sections = [
    ...POLICY_SECTIONS,
    ...Object.keys(data.policy ?? {}).filter((s) => !known.has(s)),
  ] as PolicySection[];

  return (
    <div className="page-stack" data-testid="policy-effective">
      {data.problems?.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('policy.problems')}
          description={
            <ul className="plain-list">
              {data.problems.map((p) => (
                <li key={`${p.path}-${p.message}`}>
                  <span className="mono-text">{p.path}</span>：{p.message}
                </li>
              ))}
            </ul>
          }
          data-testid="policy-problems"
        />
      )}
      <Row gutter={[16, 16]}>
        {sections.map((section) => {
          const body = data.policy?.[section];
          const sources = data.sources?.find((s) => s.section === section)?.documents ?? [];
          const example = isExample(body);
          return (
            <Col key={section} xs={24} xl={12}>
              <Card
                size="small"
                className="figure-card"
                data-testid={`policy-section-${section}`}
                title={
                  <Space>
                    <span>{sectionLabel(t, section)}</span>
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                      {section}
                    </Typography.Text>
                    {example && (
                      <Tag color="orange" data-testid="policy-example">
                        {t('policy.example')}
                      </Tag>
                    )}
                  </Space>
                }
              >
                {body ? (
                  <Descriptions
                    size="small"
                    column={1}
                    bordered
                    styles={{ label: { width: 200 } }}
                    items={Object.entries(body).map(([field, value]) => ({
                      key: field,
                      label: policyFieldLabel(t, field),
                      children: <PolicyValue field={field} value={value} />,
                    }))}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.notSet')} />
                )}
                {sources.length > 0 && (
                  <div style={{ marginTop: 12 }} data-testid="policy-section-sources">
                    <Typography.Text type="secondary">{t('policy.sources')}：</Typography.Text>
                    <Space orientation="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
                      {sources.map((d) => (
                        <SourceTag key={String(d.id)} doc={d} showFields />
                      ))}
                    </Space>
                  </div>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
