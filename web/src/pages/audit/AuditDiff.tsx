import { Col, Row, Typography } from 'antd';
import { useI18n } from '../../i18n';

const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

/** Before / after JSON side by side. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  return (
    <Row gutter={16} data-testid="audit-diff">
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <pre className="json-block">{show(before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <pre className="json-block">{show(after)}</pre>
      </Col>
    </Row>
  );
}
