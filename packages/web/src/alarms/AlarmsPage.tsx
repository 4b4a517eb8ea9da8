/**
 * 报警处置: the alarms in scope, live (pushed alarms merge into the list), with filters, the
 * handling-rate strip, bulk steps for many alarms of one kind, and the detail drawer.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm, AlarmSeverity, AlarmStatus, ArchiveRecord, HandlingStats, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { AlarmActions } from './AlarmActions.js';
import { useAlarmCenter } from './AlarmCenter.js';
import { AlarmDrawer } from './AlarmDrawer.js';
import { AlarmStats } from './AlarmStats.js';
import { measuredText } from './evidence.js';
import { labelFor } from './labels.js';
import { alarmQuery, mergeAlarm, minutesLeft, type AlarmFilters } from './list.js';
import { SeverityTag, StatusTag } from './tags.js';

const types = [
  'overspeed',
  'fatigue_continuous',
  'fatigue_daily',
  'ban_violation',
  'restricted_zone',
  'geofence',
  'geofence_dwell',
  'parking_outside',
  'route_deviation',
  'no_waybill',
  'driver_mismatch',
  'driver_unqualified',
  'offline',
  'offline_displacement',
  'device_alarm',
  'certificate_expiry',
];
const severities: AlarmSeverity[] = ['critical', 'high', 'medium', 'low'];
const statuses: AlarmStatus[] = ['pending', 'processing', 'returned', 'escalated', 'handled', 'closed'];

function NotifySwitch() {
  const { t } = useI18n();
  const supported = typeof Notification !== 'undefined';
  const [perm, setPerm] = useState(supported ? Notification.permission : 'denied');
  if (!supported || perm === 'denied') return null;
  if (perm === 'granted') return <Typography.Text type="secondary">{t('alarm.notifyOn')}</Typography.Text>;
  return (
    <Button
      size="small"
      icon={<BellOutlined />}
      onClick={() => void Notification.requestPermission().then(setPerm)}
    >
      {t('alarm.notify')}
    </Button>
  );
}

export function AlarmsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const center = useAlarmCenter();
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<AlarmFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [items, setItems] = useState<Alarm[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi<Page<Alarm>>('/api/alarms', alarmQuery(filters, page, pageSize));
  const stats = useApi<HandlingStats>('/api/alarms/stats/handling', { groupBy: 'enterprise' });
  const companies = useApi<Page<ArchiveRecord>>(can('archives:read') ? '/api/archives/enterprises' : null, {
    pageSize: 500,
  });
  const names = useMemo(
    () => new Map((companies.data?.items ?? []).map((e) => [e.id, String(e.name ?? e.id)])),
    [companies.data],
  );
  const companyName = (id: string) => names.get(id) ?? id.slice(0, 8);

  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  useEffect(() => {
    // The API filters by plate too; pushed alarms are matched in the page (mergeAlarm).
    setItems(list.data?.items ?? []);
  }, [list.data]);
  const { reload: reloadList } = list;
  const { reload: reloadStats } = stats;
  useEffect(() => {
    const off = center.subscribe((a, event) => {
      if (page === 1) setItems((cur) => mergeAlarm(cur, a, filtersRef.current));
      else setItems((cur) => cur.map((x) => (x.id === a.id && x.version <= a.version ? a : x)));
      if (event !== 'updated') reloadStats();
    });
    const again = center.onReconnect(() => {
      reloadList();
      reloadStats();
    });
    return () => {
      off();
      again();
    };
  }, [page, reloadList, reloadStats]);

  const apply = (v: {
    type?: string;
    severity?: AlarmSeverity;
    status?: AlarmStatus;
    enterpriseId?: string;
    range?: [Dayjs, Dayjs] | null;
    plate?: string;
  }) => {
    setPage(1);
    setSelected([]);
    setFilters({
      type: v.type,
      severity: v.severity,
      status: v.status,
      enterpriseId: v.enterpriseId,
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
      plate: v.plate?.trim() || undefined,
    });
  };
  const now = new Date();
  const chosen = items.filter((a) => selected.includes(a.id));
  const refresh = () => {
    setSelected([]);
    reloadList();
    reloadStats();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="alarms-page">
      <AlarmStats stats={stats.data} />
      <Card size="small">
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 8 }}>
          <Form.Item name="type">
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('alarm.type')}
              options={types.map((v) => ({ value: v, label: labelFor(t, 'alarmType', v) }))}
            />
          </Form.Item>
          <Form.Item name="severity">
            <Select
              allowClear
              style={{ width: 100 }}
              placeholder={t('alarm.severity')}
              options={severities.map((v) => ({ value: v, label: t(`severity.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('alarm.status')}
              options={statuses.map((v) => ({ value: v, label: t(`alarmStatus.${v}`) }))}
              data-testid="filter-status"
            />
          </Form.Item>
          {me?.user.scope.kind !== 'enterprise' && (
            <Form.Item name="enterpriseId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 180 }}
                placeholder={t('alarm.company')}
                options={[...names].map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          )}
          <Form.Item name="range">
            <DatePicker.RangePicker showTime style={{ width: 330 }} />
          </Form.Item>
          <Form.Item name="plate">
            <Input
              allowClear
              style={{ width: 120 }}
              placeholder={t('alarm.plate')}
              data-testid="filter-plate"
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <Badge status={center.connected ? 'success' : 'error'} />
            <Typography.Text type="secondary" data-testid="alarm-push-state">
              {center.connected ? t('alarm.live') : t('alarm.offline')}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <NotifySwitch />
            {center.unread > 0 && (
              <Button size="small" onClick={() => void center.markAllRead()} data-testid="mark-read">
                {t('alarm.markRead')} ({center.unread})
              </Button>
            )}
          </Space>
        }
      >
        {chosen.length > 1 && (
          <Space style={{ marginBottom: 8 }} data-testid="bulk-bar">
            <Typography.Text>{t('alarm.bulk', { n: chosen.length })}</Typography.Text>
            <AlarmActions alarms={chosen} onDone={refresh} />
          </Space>
        )}
        <Table<Alarm>
          data-testid="alarm-list"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={items}
          locale={{ emptyText: t('alarm.none') }}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
          onRow={(a) => ({ onClick: () => setOpen(a.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              key: 'time',
              title: t('alarm.time'),
              render: (_, a) => new Date(a.startedAt).toLocaleString(),
              width: 170,
            },
            {
              key: 'plate',
              title: t('alarm.plate'),
              dataIndex: 'plate',
              render: (p: string | null) => p ?? '—',
            },
            {
              key: 'company',
              title: t('alarm.company'),
              render: (_, a) => companyName(a.enterpriseId),
              ellipsis: true,
            },
            { key: 'type', title: t('alarm.type'), render: (_, a) => labelFor(t, 'alarmType', a.type) },
            {
              key: 'severity',
              title: t('alarm.severity'),
              render: (_, a) => <SeverityTag severity={a.severity} />,
            },
            { key: 'status', title: t('alarm.status'), render: (_, a) => <StatusTag alarm={a} /> },
            { key: 'level', title: t('alarm.level'), render: (_, a) => labelFor(t, 'alarmLevel', a.level) },
            { key: 'measured', title: t('alarm.measured'), render: (_, a) => measuredText(a) },
            {
              key: 'deadline',
              title: t('alarm.deadline'),
              render: (_, a) => {
                if (a.status === 'closed' || a.status === 'handled') return '—';
                const m = minutesLeft(a, now);
                return m < 0 ? (
                  <Typography.Text type="danger">{t('alarm.overdue')}</Typography.Text>
                ) : (
                  t('alarm.minutesLeft', { n: m })
                );
              },
            },
          ]}
        />
      </Card>
      <AlarmDrawer
        alarmId={open}
        companyName={companyName}
        onClose={() => setOpen(null)}
        onChanged={refresh}
      />
    </Space>
  );
}
