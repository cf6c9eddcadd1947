// 岗位等级年度核定 (F-GRADE): pick a region and an effective date, preview every worker whose grade
// changes (from → to, why) with the count left unchanged, then commit the draft in one audited step.
import { ArrowRightOutlined, CheckOutlined, EyeOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api, type GradeReviewItem, type GradeReviewPreview } from '../../api';
import { useMe } from '../../auth';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate, formatNumber } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { DateInput, isoOf, type PickedDate } from '../workers/WorkerFields';

interface Values {
  regionCode: string;
  effectiveDate: PickedDate;
}

export function GradeReviewsPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<GradeReviewPreview | null>(null);
  const [committed, setCommitted] = useState<number | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);

  const showError = (err: unknown) =>
    message.error(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));

  const runPreview = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy('preview');
    setCommitted(null);
    try {
      setPreview(
        await api.previewGradeReview({ regionCode: v.regionCode, effectiveDate: isoOf(v.effectiveDate) ?? '' }),
      );
    } catch (err) {
      setPreview(null);
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const commit = () => {
    if (!preview) return;
    modal.confirm({
      title: t('gradeReview.confirmTitle'),
      content: t('gradeReview.confirm', { n: preview.items.length, date: formatDate(preview.effectiveDate, lang) }),
      okText: t('gradeReview.commit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('commit');
        try {
          const res = await api.commitGradeReview(preview.id);
          setCommitted(res.committed);
          message.success(t('gradeReview.committed', { n: res.committed }));
        } catch (err) {
          showError(err);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const restart = () => {
    setPreview(null);
    setCommitted(null);
  };

  const gradeText = (g: number | null) => (g === null ? t('gradeReview.unset') : t('grade.gradeN', { n: g }));

  return (
    <Card title={t('gradeReview.title')} data-testid="grade-reviews-page">
      <div className="page-stack">
        <Alert type="info" showIcon title={t('gradeReview.hint')} />
        <Form
          form={form}
          layout="inline"
          className="filter-form"
          initialValues={{ regionCode: me.regionCode }}
          onFinish={runPreview}
          disabled={committed !== null}
        >
          <Form.Item
            name="regionCode"
            label={t('gradeReview.region')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <RegionTreeSelect style={{ width: 240 }} data-testid="grade-review-region" />
          </Form.Item>
          <Form.Item
            name="effectiveDate"
            label={t('gradeReview.date')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateInput style={{ width: 200 }} data-testid="grade-review-date" />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<EyeOutlined />}
              loading={busy === 'preview'}
              data-testid="grade-review-preview"
            >
              {t('gradeReview.preview')}
            </Button>
          </Form.Item>
        </Form>

        {committed !== null && preview && (
          <Result
            status="success"
            title={t('gradeReview.committed', { n: formatNumber(committed, lang) })}
            subTitle={`${formatDate(preview.effectiveDate, lang)}`}
            extra={
              <Button icon={<RedoOutlined />} onClick={restart}>
                {t('gradeReview.again')}
              </Button>
            }
            data-testid="grade-review-result"
          />
        )}

        {preview && committed === null && (
          <div className="page-stack" data-testid="grade-review-preview-result">
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong data-testid="grade-review-summary">
                {t('gradeReview.summary', {
                  n: formatNumber(preview.items.length, lang),
                  unchanged: formatNumber(preview.unchanged, lang),
                })}
              </Typography.Text>
              <Button
                type="primary"
                danger
                icon={<CheckOutlined />}
                disabled={preview.items.length === 0}
                loading={busy === 'commit'}
                onClick={commit}
                data-testid="grade-review-commit"
              >
                {t('gradeReview.commit')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{t('gradeReview.draft', { id: String(preview.id) })}</Typography.Text>
            {preview.skipped && preview.skipped.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="grade-review-skipped"
                title={t('gradeReview.skipped', {
                  list: preview.skipped
                    .map((s) => t('gradeReview.skippedItem', { reason: s.reason, n: s.workers }))
                    .join('；'),
                })}
              />
            )}
            <Table<GradeReviewItem>
              rowKey="workerId"
              size="small"
              dataSource={preview.items}
              locale={{ emptyText: t('gradeReview.noChanges') }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                {
                  title: t('gradeReview.worker'),
                  dataIndex: 'name',
                  width: 120,
                  render: (name: string, r) => <Link to={`/workers/${r.workerId}`}>{name}</Link>,
                },
                {
                  title: t('gradeReview.change'),
                  key: 'change',
                  width: 200,
                  render: (_v, r) => (
                    <Space size={6}>
                      <Tag>{gradeText(r.from)}</Tag>
                      <ArrowRightOutlined className="muted-text" />
                      <Tag color={r.from === null || r.to > r.from ? 'green' : 'orange'}>{gradeText(r.to)}</Tag>
                    </Space>
                  ),
                  sorter: (a, b) => a.to - (a.from ?? 0) - (b.to - (b.from ?? 0)),
                },
                { title: t('gradeReview.reason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        )}
      </div>
    </Card>
  );
}
