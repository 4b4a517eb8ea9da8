import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { SessionProvider, useSession } from '../auth/Session.js';
import { I18nProvider, useI18n } from '../i18n/I18n.js';
import { LoginPage } from '../pages/LoginPage.js';
import { Shell } from './Shell.js';

function Gate() {
  const { me, checking } = useSession();
  if (checking)
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  return me ? <Shell me={me} /> : <LoginPage />;
}

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d5fbf' } }}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
