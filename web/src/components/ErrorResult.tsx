import { Alert, Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api';
import { errorText, useI18n } from '../i18n';

export function ForbiddenResult() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.403')}
      subTitle={t('error.403.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}

export function NotFoundResult() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.404')}
      subTitle={t('error.404.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

/** 403/404 from the API become the matching page; anything else an error alert. */
export function LoadError({ error }: { error: ApiError }) {
  const { lang, t } = useI18n();
  if (error.status === 403) return <ForbiddenResult />;
  if (error.status === 404) return <NotFoundResult />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={errorText(lang, error.code, error.message)}
    />
  );
}
