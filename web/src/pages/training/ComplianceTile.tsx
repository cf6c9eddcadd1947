// The dashboard tile on a region's page: training compliance counts with a link to the full list.
import { Card, Col, Row, Statistic, Tag } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useLoad } from '../../useLoad';
import { COMPLIANCE, COMPLIANCE_COLORS, useTrainingText } from './text';

export function ComplianceTile({ code }: { code: string }) {
  const { tt, label } = useTrainingText();
  const loader = useCallback(() => api.trainingCompliance({ region: code, pageSize: 1 }), [code]);
  const { data, error } = useLoad(loader);
  if (error) return null;
  return (
    <Card
      size="small"
      title={tt('tile')}
      loading={!data}
      extra={<Link to={`/training/compliance/${code}`}>{tt('tileMore')}</Link>}
      data-testid="training-tile"
    >
      {data && (
        <Row gutter={16}>
          {(['compliant', 'dueSoon', 'pending', 'overdue'] as const).map((k) => (
            <Col span={6} key={k}>
              <Statistic
                title={<Tag color={COMPLIANCE_COLORS[k]}>{label(COMPLIANCE, k)}</Tag>}
                value={data.summary[k]}
                data-testid={`tile-${k}`}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
