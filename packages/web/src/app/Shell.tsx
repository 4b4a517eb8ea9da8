/** The signed-in frame: menu from permissions, scope, language, user menu; the page by path. */
import {
  AlertOutlined,
  AuditOutlined,
  BellOutlined,
  DashboardOutlined,
  HistoryOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FolderOpenOutlined,
  LogoutOutlined,
  UserOutlined,
  // waybills
  FileTextOutlined,
  // pages
  FundProjectionScreenOutlined,
  GatewayOutlined,
  // accounts
  SettingOutlined,
} from '@ant-design/icons';
import { Badge, Dropdown, Empty, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { AlarmCenterProvider, useAlarmCenter } from '../alarms/AlarmCenter.js';
import { ArchiveListPage } from '../archives/ArchiveListPage.js';
import { CertificatesPage } from '../archives/CertificatesPage.js';
import { ReviewQueuePage } from '../archives/ReviewQueuePage.js';
import { ArchivesProvider, useArchives } from '../archives/Specs.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { LangSwitch } from './LangSwitch.js';
import { navigate, usePath } from './router.js';
import { allowedPages, pageForPath, type PageDef } from './routes.js';
import { scopeLabel } from './scope-label.js';

// The map (MapLibre) and the charts (ECharts) are large: loaded with their pages.
const LiveMapPage = lazy(async () => ({ default: (await import('../map/LiveMapPage.js')).LiveMapPage }));
const AlarmsPage = lazy(async () => ({ default: (await import('../alarms/AlarmsPage.js')).AlarmsPage }));
const TrackPage = lazy(async () => ({ default: (await import('../track/TrackPage.js')).TrackPage }));
// waybills: the waybill pages load with their menu entries
const WaybillListPage = lazy(async () => ({
  default: (await import('../waybills/WaybillListPage.js')).WaybillListPage,
}));
const FillingPage = lazy(async () => ({ default: (await import('../waybills/FillingPage.js')).FillingPage }));
const CheckpointPage = lazy(async () => ({
  default: (await import('../waybills/CheckpointPage.js')).CheckpointPage,
}));
const EmergencyCardsPage = lazy(async () => ({
  default: (await import('../waybills/EmergencyCardsPage.js')).EmergencyCardsPage,
}));
// pages: rules, usage and the big screen load with their entries
const GeofencesPage = lazy(async () => ({
  default: (await import('../rules/GeofencesPage.js')).GeofencesPage,
}));
const BansPage = lazy(async () => ({ default: (await import('../rules/BansPage.js')).BansPage }));
const UsagePage = lazy(async () => ({ default: (await import('../rules/UsagePage.js')).UsagePage }));
const ParamsPage = lazy(async () => ({ default: (await import('../rules/ParamsPage.js')).ParamsPage }));
const BigScreenPage = lazy(async () => ({
  default: (await import('../bigscreen/BigScreenPage.js')).BigScreenPage,
}));
// accounts: the administration pages load with their entries
const UsersPage = lazy(async () => ({ default: (await import('../accounts/UsersPage.js')).UsersPage }));
const ApiKeysPage = lazy(async () => ({ default: (await import('../accounts/ApiKeysPage.js')).ApiKeysPage }));
const AuditPage = lazy(async () => ({ default: (await import('../accounts/AuditPage.js')).AuditPage }));
const DashboardPage = lazy(async () => ({
  default: (await import('../pages/DashboardPage.js')).DashboardPage,
}));

const icons: Partial<Record<PageDef['id'], ReactNode>> = {
  dashboard: <DashboardOutlined />,
  map: <EnvironmentOutlined />,
  alarms: <AlertOutlined />,
  track: <HistoryOutlined />,
  review: <AuditOutlined />,
  bigScreen: <FundProjectionScreenOutlined />,
};

function ScopeTag({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { districts } = useArchives();
  const s = me.user.scope;
  const holder =
    s.kind === 'enterprise'
      ? `/api/archives/enterprises/${s.enterpriseId}`
      : s.kind === 'filling_site' || s.kind === 'checkpoint'
        ? `/api/archives/places/${s.placeId}`
        : null;
  const named = useApi<{ name?: string }>(me.permissions.includes('archives:read') ? holder : null);
  return (
    <Tag color="geekblue" data-testid="scope">
      {scopeLabel(s, lang, districts, named.data?.name)}
    </Tag>
  );
}

function PageBody({ page }: { page: PageDef }) {
  switch (page.id) {
    case 'dashboard':
      return <DashboardPage />;
    case 'map':
      return <LiveMapPage />;
    case 'alarms':
      return <AlarmsPage />;
    case 'track':
      return <TrackPage />;
    case 'certificates':
      return <CertificatesPage />;
    case 'review':
      return <ReviewQueuePage />;
    // waybills
    case 'waybills':
      return <WaybillListPage />;
    case 'filling':
      return <FillingPage />;
    case 'checkpoint':
      return <CheckpointPage />;
    case 'emergencyCards':
      return <EmergencyCardsPage />;
    // pages
    case 'geofences':
      return <GeofencesPage />;
    case 'bans':
      return <BansPage />;
    case 'params':
      return <ParamsPage />;
    case 'usage':
      return <UsagePage />;
    case 'bigScreen':
      return <BigScreenPage />;
    // accounts
    case 'users':
      return <UsersPage />;
    case 'apiKeys':
      return <ApiKeysPage />;
    case 'audit':
      return <AuditPage />;
    default:
      return <ArchiveListPage key={page.id} path={page.id} />;
  }
}

/** The unread alarms (bell in the header), a link to the alarm page. */
function AlarmBell() {
  const { unread } = useAlarmCenter();
  const { t } = useI18n();
  return (
    <a onClick={() => navigate('/alarms')} title={t('alarm.unread')} data-testid="alarm-bell">
      <Badge count={unread} overflowCount={999} size="small" data-testid="alarm-badge">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </a>
  );
}

function MenuLabel({ page }: { page: PageDef }) {
  const { t } = useI18n();
  const { unread } = useAlarmCenter();
  if (page.id !== 'alarms' || unread === 0) return <>{t(page.label)}</>;
  return (
    <Space size={6}>
      {t(page.label)}
      <Badge count={unread} overflowCount={99} size="small" />
    </Space>
  );
}

export function Shell({ me }: { me: Me }) {
  const { t } = useI18n();
  const { logout } = useSession();
  const { path } = usePath();
  const allowed = allowedPages(me.permissions);
  const page = pageForPath(path, me.permissions);
  const top = allowed.filter((p) => !p.group);
  const archives = allowed.filter((p) => p.group === 'archives');
  const waybills = allowed.filter((p) => p.group === 'waybills');
  const rules = allowed.filter((p) => p.group === 'rules');
  const system = allowed.filter((p) => p.group === 'system');
  const items = [
    ...top.map((p) => ({ key: p.path, icon: icons[p.id], label: <MenuLabel page={p} /> })),
    ...(archives.length
      ? [
          {
            key: 'archives',
            icon: <FolderOpenOutlined />,
            label: t('menu.archives'),
            children: archives.map((p) => ({ key: p.path, icon: icons[p.id], label: t(p.label) })),
          },
        ]
      : []),
    // waybills
    ...(waybills.length
      ? [
          {
            key: 'waybills-group',
            icon: <FileTextOutlined />,
            label: t('menu.waybillsGroup'),
            children: waybills.map((p) => ({ key: p.path, icon: icons[p.id], label: t(p.label) })),
          },
        ]
      : []),
    // pages
    ...(rules.length
      ? [
          {
            key: 'rules-group',
            icon: <GatewayOutlined />,
            label: t('menu.rulesGroup'),
            children: rules.map((p) => ({ key: p.path, icon: icons[p.id], label: t(p.label) })),
          },
        ]
      : []),
    // accounts
    ...(system.length
      ? [
          {
            key: 'system-group',
            icon: <SettingOutlined />,
            label: t('menu.systemGroup'),
            children: system.map((p) => ({ key: p.path, icon: icons[p.id], label: t(p.label) })),
          },
        ]
      : []),
  ];

  // The control room's screen fills the window, without the menu and header.
  if (page?.fullScreen)
    return (
      <ArchivesProvider enabled={me.permissions.includes('archives:read')}>
        <Suspense fallback={<Spin />}>
          <PageBody page={page} />
        </Suspense>
      </ArchivesProvider>
    );

  return (
    <ArchivesProvider enabled={me.permissions.includes('archives:read')}>
      <AlarmCenterProvider enabled={me.permissions.includes('alarms:read')}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider width={208} breakpoint="xl" collapsedWidth={64} theme="dark">
            <div className="app-brand">{t('app.short')}</div>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={page ? [page.path] : []}
              defaultOpenKeys={['archives', 'waybills-group', 'rules-group', 'system-group']}
              items={items}
              onClick={(e) => navigate(e.key)}
              data-testid="main-menu"
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header
              style={{
                background: '#fff',
                height: 56,
                lineHeight: '56px',
                padding: '0 16px',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'space-between',
                borderBottom: '1px solid #f0f0f0',
              }}
            >
              <Typography.Text strong style={{ fontSize: 16 }}>
                {page ? t(page.label) : ''}
              </Typography.Text>
              <Space size="middle">
                {me.permissions.includes('alarms:read') && <AlarmBell />}
                <ScopeTag me={me} />
                <LangSwitch />
                <Dropdown
                  menu={{
                    items: [
                      {
                        key: 'role',
                        label: `${t('user.role')}: ${t(`role.${me.user.role}`)}`,
                        disabled: true,
                      },
                      { type: 'divider' },
                      { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
                    ],
                    onClick: (e) => {
                      if (e.key === 'logout') void logout();
                    },
                  }}
                >
                  <a onClick={(e) => e.preventDefault()} data-testid="user-menu">
                    <Space>
                      <UserOutlined />
                      {me.user.displayName}
                      <DownOutlined />
                    </Space>
                  </a>
                </Dropdown>
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 16, overflow: 'auto' }}>
              {page ? (
                <Suspense fallback={<Spin />}>
                  <PageBody page={page} />
                </Suspense>
              ) : (
                <Empty description={t('menu.none')} />
              )}
            </Layout.Content>
          </Layout>
        </Layout>
      </AlarmCenterProvider>
    </ArchivesProvider>
  );
}
