// 居民评价与职责公开 (F-SUPERVISE §4.11, F-ASSESS): for one community, the public page's link and QR
// code to print on the notice board, the verification-code switch (on by default in a window; only the
// county switches it off, with a reason), each worker's duties and service commitments, the counted
// ratings so far (with their counts), and the votes not counted with the county's review.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import qrcode from 'qrcode-generator';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, type PublicWorker, type RatingSettings } from '../../api';
import { useMe } from '../../auth';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate, formatDateTime } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

/** The QR code of a URL as a data: image (qrcode-generator, no other dependency). */
export function QrImage({ url, size = 6 }: { url: string; size?: number }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(url);
    qr.make();
    return qr.createDataURL(size, 4);
  }, [url, size]);
  return <img src={src} alt={url} data-testid="qr-code" style={{ imageRendering: 'pixelated' }} />;
}

function ProfileEditor({ w, onSaved }: { w: PublicWorker; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [duties, setDuties] = useState(w.duties);
  const [commitments, setCommitments] = useState(w.commitments);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await api.savePublicProfile(w.id, { duties, commitments });
      message.success(t('voice.profileSaved'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.fields[0]?.message ?? errorText(lang, err.code, err.message));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        value={duties}
        onChange={(e) => setDuties(e.target.value)}
        maxLength={500}
        autoSize
        placeholder={t('voice.duties')}
      />
      <Input.TextArea
        value={commitments}
        onChange={(e) => setCommitments(e.target.value)}
        maxLength={500}
        autoSize
        placeholder={t('voice.commitments')}
      />
      <Button
        size="small"
        onClick={save}
        loading={saving}
        disabled={duties === w.duties && commitments === w.commitments}
      >
        {t('common.save')}
      </Button>
    </Space>
  );
}

type Group = RatingSettings['discounted']['groups'][number];

/** The votes of the window not counted, why, and (for the county) the review of each group. */
function Discounted({ data, onReviewed }: { data: RatingSettings; onReviewed: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const d = data.discounted;
  const decide = async (g: Group, decision: 'accept' | 'discard') => {
    try {
      await api.reviewRatings(data.regionCode, { group: g.id, decision });
      onReviewed();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.fields[0]?.message ?? errorText(lang, err.code, err.message));
    }
  };
  return (
    <Card size="small" title={t('voice.discounted')} data-testid="voice-discounted">
      {d.notCounted === 0 && d.groups.length === 0 ? (
        <Typography.Text type="secondary">{t('voice.noneDiscounted')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('voice.discountedSummary', { n: d.notCounted, pending: d.pending })}</Typography.Text>
          <ul style={{ margin: 0 }}>
            {d.reasons.map((r) => (
              <li key={`${r.status}-${r.reason}`}>
                {r.statusLabel}：{r.reasonLabel}（{r.ballots} 票）
              </li>
            ))}
          </ul>
          <Table<Group>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.groups}
            columns={[
              { title: t('voice.group'), dataIndex: 'label', width: 80 },
              { title: t('voice.reasons'), render: (_: unknown, g) => g.reasons.join('；') },
              { title: t('voice.ballots'), dataIndex: 'ballots', width: 70 },
              { title: t('voice.pending'), dataIndex: 'pending', width: 80 },
              {
                title: t('voice.period'),
                width: 220,
                render: (_: unknown, g) => `${formatDateTime(g.from, lang)} – ${formatDateTime(g.to, lang)}`,
              },
              {
                title: '',
                width: 150,
                render: (_: unknown, g) =>
                  data.canReview && g.pending > 0 ? (
                    <Space>
                      <Popconfirm
                        title={t('voice.acceptConfirm', { n: g.pending })}
                        onConfirm={() => decide(g, 'accept')}
                      >
                        <Button size="small">{t('voice.accept')}</Button>
                      </Popconfirm>
                      <Popconfirm
                        title={t('voice.discardConfirm', { n: g.pending })}
                        onConfirm={() => decide(g, 'discard')}
                      >
                        <Button size="small" danger>
                          {t('voice.discard')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

export function VoicePage() {
  const { code } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const community = code ?? (me.regionLevel === 'community' ? me.regionCode : undefined);
  const loader = useCallback(() => (community ? api.ratingSettings(community) : Promise.resolve(null)), [community]);
  const { data, error, reload } = useLoad(loader);
  const [codeInput, setCodeInput] = useState('');
  // Switching off asks for a reason first (county only); switching on is immediate.
  const [offing, setOffing] = useState(false);
  const [reason, setReason] = useState('');
  const url = data ? `${window.location.origin}${data.publicPath}` : '';

  const save = async (on: boolean) => {
    try {
      await api.saveRatingSettings(data!.regionCode, {
        verificationRequired: on,
        verificationCode: on && codeInput ? codeInput : undefined,
        reason: on ? undefined : reason,
      });
      setOffing(false);
      setReason('');
      reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.fields[0]?.message ?? errorText(lang, err.code, err.message));
    }
  };
  const toggle = (on: boolean) => (on ? save(true) : setOffing(true));

  return (
    <div className="page-stack" data-testid="voice-page">
      <Typography.Title level={3}>{t('voice.title')}</Typography.Title>
      <Space>
        {t('voice.community')}：
        <RegionTreeSelect
          value={community}
          onChange={(c) => c && navigate(`/voice/${c}`)}
          style={{ width: 320 }}
          placeholder={t('voice.pickCommunity')}
          data-testid="voice-region"
        />
      </Space>
      {!community ? (
        <Alert type="info" showIcon title={t('voice.pickCommunity')} />
      ) : error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={errorText(lang, error.code, error.message)}
        />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" title={`${data.name} · ${t('voice.link')}`}>
            <Space align="start" size="large" wrap>
              <QrImage url={url} />
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'url',
                    label: t('voice.link'),
                    children: (
                      <Typography.Link
                        href={data.publicPath}
                        target="_blank"
                        copyable={{ text: url }}
                        data-testid="public-link"
                      >
                        {url}
                      </Typography.Link>
                    ),
                  },
                  {
                    key: 'window',
                    label: t('voice.window'),
                    children: data.window
                      ? `${formatDate(data.window.from, lang)} – ${formatDate(data.window.to, lang)}`
                      : t('voice.noWindow'),
                  },
                  { key: 'ratings', label: t('public.community'), children: data.ratings.text },
                  {
                    key: 'verify',
                    label: t('voice.verification'),
                    children: (
                      <Space wrap>
                        <Switch
                          checked={data.verificationRequired && !offing}
                          onChange={toggle}
                          disabled={data.verificationRequired && !data.canSwitchOff}
                          title={data.verificationRequired && !data.canSwitchOff ? t('voice.countyOnly') : undefined}
                          data-testid="verification-switch"
                        />
                        {data.verificationRequired && data.verificationCode && (
                          <span data-testid="verification-code">
                            {t('voice.code')}：<b>{data.verificationCode}</b>
                          </span>
                        )}
                        {!data.verificationRequired && (
                          <Input
                            size="small"
                            style={{ width: 120 }}
                            placeholder={t('voice.code')}
                            value={codeInput}
                            onChange={(e) => setCodeInput(e.target.value)}
                          />
                        )}
                        {!data.saved && <Typography.Text type="secondary">{t('voice.defaultHint')}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
              />
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('voice.qrHint')}
            </Typography.Paragraph>
            {offing && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={t('voice.offTitle')}
                description={
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {t('voice.offWarning')}
                    <Input
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      maxLength={200}
                      placeholder={t('voice.offReason')}
                      data-testid="verification-off-reason"
                    />
                    <Space>
                      <Button danger disabled={!reason.trim()} onClick={() => save(false)}>
                        {t('voice.offConfirm')}
                      </Button>
                      <Button onClick={() => setOffing(false)}>{t('common.cancel')}</Button>
                    </Space>
                  </Space>
                }
              />
            )}
            {data.warning && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={data.warning}
                description={data.offReason ? `${t('voice.offReason')}：${data.offReason}` : undefined}
                data-testid="verification-warning"
              />
            )}
          </Card>
          <Discounted data={data} onReviewed={reload} />
          <Form component={false}>
            <Table<PublicWorker>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.workers}
              columns={[
                { title: t('assess.name'), dataIndex: 'name', width: 90 },
                { title: t('assess.position'), dataIndex: 'position', width: 110 },
                {
                  title: `${t('voice.duties')} / ${t('voice.commitments')}`,
                  render: (_: unknown, w) => <ProfileEditor w={w} onSaved={reload} />,
                },
                { title: t('assess.residents'), width: 260, render: (_: unknown, w) => w.ratings.text },
              ]}
            />
          </Form>
        </>
      )}
    </div>
  );
}
