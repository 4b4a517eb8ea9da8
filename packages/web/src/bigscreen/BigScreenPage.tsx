/**
 * 大屏: the control room's full-screen dashboard, laid out for 1920×1080 and scaled to the window.
 * Online vehicles and their positions, active waybills, today's alarms by type and severity, the
 * handling rate against the 90 % line (seed 000), fleet and companies by district and by class
 * (seed 000's tables), certificates expiring. Every figure reloads each minute; panels whose API
 * the role lacks say so instead of failing.
 */
import { FullscreenExitOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type {
  AlarmCounts,
  Certificate,
  ClassRow,
  FleetRow,
  HandlingStats,
  LiveVehicle,
  Page,
} from '../api/types.js';
import { labelFor } from '../alarms/labels.js';
import { navigate } from '../app/router.js';
import { useArchives } from '../archives/Specs.js';
import { useSession } from '../auth/Session.js';
import {
  buildAlarmTypeOption,
  buildDistrictRateOption,
  buildHandlingGaugeOption,
  buildSeverityOption,
  topCounts,
  onDark,
  stageScale,
  STAGE,
} from '../charts/bigscreen.js';
import { EChart } from '../charts/EChart.js';
import { useChartLabels } from '../charts/use-chart-labels.js';
import { buildClassChartOption, buildFleetChartOption } from '../charts/options.js';
import { useI18n } from '../i18n/I18n.js';
import { BigScreenMap } from './BigScreenMap.js';
import { chinaDay, REFRESH_MS, useRefreshed, useTick } from './use-refresh.js';

const severities = ['critical', 'high', 'medium', 'low'] as const;
const activeWaybills = ['checked', 'loading', 'in_transit'] as const;

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="bs-panel" data-testid={testId}>
      <h3>{title}</h3>
      <div className="bs-panel-body">{children}</div>
    </section>
  );
}

function Kpi({
  label,
  value,
  testId,
  warn,
}: {
  label: string;
  value: number | string;
  testId: string;
  warn?: boolean;
}) {
  return (
    <div className="bs-kpi">
      <div className={warn ? 'bs-kpi-value bs-warn' : 'bs-kpi-value'} data-testid={testId}>
        {value}
      </div>
      <div className="bs-kpi-label">{label}</div>
    </div>
  );
}

/** The stage's scale for the window, kept up to date on resize. */
function useStageScale(): number {
  const [scale, setScale] = useState(() => stageScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const on = () => setScale(stageScale(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

function Clock() {
  const { lang } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="bs-clock">
      {now.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
    </span>
  );
}

export function BigScreenPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { districts } = useArchives();
  const scale = useStageScale();
  const tick = useTick(REFRESH_MS);
  const day = useMemo(() => chinaDay(Date.now()), [tick]);
  const q = <T,>(path: string, perm: string, query?: Record<string, string | number>) =>
    // A hook called in the same order on every render (the lists below are fixed).
    useRefreshed<T>(can(perm) ? path : null, query, tick);

  const live = q<{ total: number; vehicles: LiveVehicle[] }>('/api/live', 'positions:read');
  const waybills = activeWaybills.map((status) =>
    q<Page<unknown>>('/api/waybills', 'waybills:read', { status, pageSize: 1 }),
  );
  const today = q<AlarmCounts>('/api/alarms/stats/counts', 'alarms:read', { day });
  const handling = q<HandlingStats>('/api/alarms/stats/handling', 'alarms:read', { groupBy: 'district' });
  const fleet = q<FleetRow[]>('/api/archives/stats/fleet-by-district', 'archives:read');
  const classes = q<ClassRow[]>('/api/archives/stats/fleet-by-class', 'archives:read');
  const certs = q<Page<Certificate>>('/api/archives/certificates', 'archives:read', {
    withinDays: 30,
    pageSize: 8,
  });

  const districtName = (code: string, zh: string | null) =>
    lang === 'en' ? (districts.find((d) => d.code === code)?.nameEn ?? zh ?? code) : (zh ?? code);
  const labels = useChartLabels();
  const online = live.data?.vehicles.filter((v) => v.status === 'online').length;
  const active = waybills.every((w) => w.data) ? waybills.reduce((s, w) => s + w.data!.total, 0) : undefined;
  const severityCounts = severities.map((key) => ({
    key,
    count: today.data?.bySeverity.find((c) => c.key === key)?.count ?? 0,
  }));
  const todayTotal = today.data?.bySeverity.reduce((n, c) => n + c.count, 0);
  const typeCounts = useMemo(() => topCounts(today.data?.byType ?? [], 8), [today.data]);
  const target = handling.data?.target ?? 0.9;
  const companies = fleet.data?.reduce((s, r) => s + r.enterprises, 0);
  const vehicles = fleet.data?.reduce((s, r) => s + r.powered + r.trailers, 0);
  const dash = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString());

  const typeOption = useMemo(
    () =>
      buildAlarmTypeOption(typeCounts, (k) =>
        k === 'other' ? t('bs.otherTypes') : labelFor(t, 'alarmType', k),
      ),
    [typeCounts, t],
  );
  const severityOption = useMemo(
    () => buildSeverityOption(severityCounts, (k) => labelFor(t, 'severity', k)),
    [JSON.stringify(severityCounts), t],
  );
  const gaugeOption = useMemo(
    () => buildHandlingGaugeOption(handling.data?.overall.handlingRate ?? null, target, t('bs.handlingRate')),
    [handling.data, target, t],
  );
  const districtOption = useMemo(
    () =>
      buildDistrictRateOption(
        (handling.data?.rows ?? []).map((r) => ({ name: districtName(r.key, r.name), rate: r.handlingRate })),
        target,
        t('alarm.rateLine', { n: Math.round(target * 100) }),
      ),
    [handling.data, target, t, districts],
  );
  const fleetOption = useMemo(
    () => (fleet.data ? onDark(buildFleetChartOption(fleet.data, labels, districtName)) : null),
    [fleet.data, labels, districts],
  );
  const classOption = useMemo(
    () => (classes.data ? onDark(buildClassChartOption(classes.data, labels)) : null),
    [classes.data, labels],
  );

  return (
    <div className="bs-viewport" data-testid="big-screen">
      <div
        className="bs-stage"
        style={{ width: STAGE.width, height: STAGE.height, transform: `scale(${scale})` }}
        data-scale={scale.toFixed(3)}
      >
        <header className="bs-header">
          <Clock />
          <h1>{t('bs.title')}</h1>
          <a className="bs-exit" onClick={() => navigate('/')} data-testid="big-screen-exit">
            <FullscreenExitOutlined /> {t('bs.exit')}
          </a>
        </header>
        <div className="bs-body">
          <div className="bs-col">
            <div className="bs-kpis">
              <Kpi label={t('bs.online')} value={dash(online)} testId="bs-online" />
              <Kpi label={t('bs.activeWaybills')} value={dash(active)} testId="bs-waybills" />
              <Kpi label={t('bs.todayAlarms')} value={dash(todayTotal)} testId="bs-alarms" warn />
              <Kpi label={t('dash.totalEnterprises')} value={dash(companies)} testId="bs-companies" />
              <Kpi label={t('dash.totalVehicles')} value={dash(vehicles)} testId="bs-vehicles" />
              <Kpi label={t('bs.expiring')} value={dash(certs.data?.total)} testId="bs-expiring" warn />
            </div>
            <Panel title={t('bs.alarmsByType')} testId="bs-types">
              {typeCounts.length > 0 ? (
                <EChart option={typeOption} height={300} theme="dark" testId="chart-bs-types" />
              ) : (
                <div className="bs-empty">{t('bs.noAlarms')}</div>
              )}
            </Panel>
            <Panel title={t('bs.alarmsBySeverity')}>
              <EChart option={severityOption} height={250} theme="dark" testId="chart-bs-severity" />
            </Panel>
          </div>
          <div className="bs-col bs-centre">
            <div className="bs-map">
              <BigScreenMap />
              <div className="bs-map-legend">
                {t('bs.mapLegend', { online: dash(online), total: dash(live.data?.total) })}
              </div>
            </div>
            <Panel title={t('dash.fleetByDistrict')}>
              {fleetOption && (
                <EChart option={fleetOption} height={280} theme="dark" testId="chart-bs-fleet" />
              )}
            </Panel>
          </div>
          <div className="bs-col">
            <Panel title={t('bs.handlingRate')}>
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.3fr' }}>
                <EChart option={gaugeOption} height={210} theme="dark" testId="chart-bs-gauge" />
                <EChart option={districtOption} height={210} theme="dark" testId="chart-bs-districts" />
              </div>
            </Panel>
            <Panel title={t('dash.fleetByClass')}>
              {classOption && (
                <EChart option={classOption} height={250} theme="dark" testId="chart-bs-class" />
              )}
            </Panel>
            <Panel title={t('bs.certificates')} testId="bs-certs">
              <table className="bs-table">
                <tbody>
                  {(certs.data?.items ?? []).map((c) => (
                    <tr key={c.id}>
                      <td>{c.holderName}</td>
                      <td>{c.enterpriseName}</td>
                      <td className={c.daysLeft < 0 ? 'bs-warn' : ''}>
                        {c.daysLeft < 0 ? t('bs.expired') : t('bs.daysLeft', { n: c.daysLeft })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          </div>
        </div>
      </div>
    </div>
  );
}
