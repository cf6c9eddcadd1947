// Chinese first, English when chosen: the lifecycle and recruitment pages carry both texts inline.
import { useI18n } from '../../i18n';

export function useTx() {
  const { lang } = useI18n();
  return { lang, tx: (zh: string, en: string) => (lang === 'zh' ? zh : en) };
}
