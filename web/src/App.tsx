import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AuthProvider } from './auth';
import { I18nContext, type Lang, loadLang, makeTranslate, saveLang } from './i18n';
import { AppRoutes } from './routes';

export function App() {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(() => ({ lang, setLang, t: makeTranslate(lang) }), [lang, setLang]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = i18n.t('app.title');
  }, [lang, i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{
          token: { colorPrimary: '#b7312c' },
          components: { Layout: { headerBg: '#8c1d18', headerPadding: '0 24px', siderBg: '#fff' } },
        }}
      >
        <AntApp>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
