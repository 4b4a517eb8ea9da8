import { App as AntApp, ConfigProvider, Spin } from 'antd';
// The ES modules, not `antd/locale/*`: those re-export CommonJS whose default the bundler handed
// over as the module object, so Ant Design's own texts (pager, date picker) stayed English.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
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
  // Month and weekday names in the date pickers follow the console's language (a global setting,
  // set before the tree renders; the same value on every render).
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
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
