// The residents' page of a community (F-SUPERVISE 职责公开、服务承诺; F-ASSESS 居民满意度), reached by
// link or QR code without signing in: mobile first. Each worker's duties and commitments, and during
// the rating window one rating per device for the community and any of its workers. Counts are shown
// beside every rate so that three votes are not read as a verdict.
import { Alert, App, Button, Card, Input, Radio, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, api, type RatingScore, type Satisfaction } from '../../api';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { formatDate } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

function Votes({ s }: { s: Satisfaction }) {
  const { t } = useI18n();
  if (!s.count) return <Typography.Text type="secondary">{t('public.votes', { n: 0 })}</Typography.Text>;
  return (
    <Typography.Text type="secondary" data-testid="votes">
      {s.rate}% · {t('public.votes', { n: s.count })}
      {!s.usable && <Tag style={{ marginInlineStart: 6 }}>{t('public.few')}</Tag>}
    </Typography.Text>
  );
}

export function PublicCommunityPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const loader = useCallback(() => api.publicCommunity(code), [code]);
  const { data, error, reload } = useLoad(loader);
  const [community, setCommunity] = useState<RatingScore | undefined>();
  const [workers, setWorkers] = useState<Record<number, RatingScore | undefined>>({});
  const [vcode, setVcode] = useState('');
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (!community) return;
    setSending(true);
    try {
      await api.rateCommunity(code, {
        community,
        workers: Object.entries(workers)
          .filter(([, s]) => s)
          .map(([id, s]) => ({ workerId: Number(id), score: s as RatingScore })),
        code: data?.verificationRequired ? vcode : undefined,
      });
      setDone(true);
      reload();
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'ALREADY_RATED') setDone(true);
        message.error(err.fields[0]?.message ?? errorText(lang, err.code, err.message));
      }
    } finally {
      setSending(false);
    }
  };

  // A device that has rated in the window is told so when the page opens, not after filling the form.
  const rated = done || data?.alreadyRated === true;
  const options = (data?.scores ?? []).map((s) => ({ value: s.value, label: s.label }));
  return (
    <div className="public-page" data-testid="public-page">
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      {error ? (
        <Result status="404" title={errorText(lang, error.code, error.message)} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <Typography.Title level={3} style={{ marginBottom: 0 }} data-testid="public-name">
              {data.community.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {[data.community.county, data.community.street].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          {data.window ? (
            <Alert
              type="info"
              showIcon
              title={t('public.windowText', {
                year: data.window.year,
                from: formatDate(data.window.from, lang),
                to: formatDate(data.window.to, lang),
              })}
            />
          ) : (
            <Alert type="warning" showIcon title={t('public.closed')} />
          )}
          {done && <Alert type="success" showIcon title={t('public.thanks')} data-testid="public-thanks" />}
          {!done && data.window && data.alreadyRated && (
            <Alert type="info" showIcon title={t('public.alreadyRated')} data-testid="public-already-rated" />
          )}
          <Card size="small" title={t('public.community')} extra={<Votes s={data.ratings} />}>
            {data.window && !rated && (
              <Radio.Group
                options={options}
                value={community}
                onChange={(e) => setCommunity(e.target.value)}
                optionType="button"
                data-testid="rate-community"
              />
            )}
          </Card>
          {data.workers.map((w) => (
            <Card
              key={w.id}
              size="small"
              title={`${w.name} · ${w.position}`}
              extra={<Votes s={w.ratings} />}
              data-testid={`public-worker-${w.id}`}
            >
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <b>{t('voice.duties')}：</b>
                {w.duties || '—'}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: data.window && !rated ? 8 : 0 }}>
                <b>{t('voice.commitments')}：</b>
                {w.commitments || '—'}
              </Typography.Paragraph>
              {data.window && !rated && (
                <Radio.Group
                  options={[...options, { value: '', label: t('public.skip') }]}
                  value={workers[w.id] ?? ''}
                  onChange={(e) => setWorkers((x) => ({ ...x, [w.id]: e.target.value || undefined }))}
                  optionType="button"
                  size="small"
                />
              )}
            </Card>
          ))}
          {data.window && !rated && (
            <Card size="small">
              <Space direction="vertical" style={{ width: '100%' }}>
                {data.verificationRequired && (
                  <Input
                    value={vcode}
                    onChange={(e) => setVcode(e.target.value)}
                    placeholder={t('public.codePrompt')}
                    inputMode="numeric"
                    data-testid="public-code"
                  />
                )}
                <Button
                  type="primary"
                  block
                  size="large"
                  disabled={!community}
                  loading={sending}
                  onClick={submit}
                  data-testid="public-submit"
                >
                  {t('public.submit')}
                </Button>
              </Space>
            </Card>
          )}
        </Space>
      )}
    </div>
  );
}
