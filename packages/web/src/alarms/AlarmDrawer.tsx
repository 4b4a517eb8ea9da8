/**
 * One alarm: what happened (type, severity, measured against the threshold), who had a card in
 * the terminal's reader meanwhile, the evidence on a small map, the handling history of all three levels, supervision orders, and the steps this
 * user may take. Reloads when the alarm is pushed again; opening it marks it read.
 */
import { Alert, Button, Descriptions, Divider, Drawer, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.js';
import type { Alarm, AlarmStep, SupervisionOrder } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import { CameraTo } from '../map/layers/CameraTo.js';
import { MapView } from '../map/MapView.js';
import { AlarmActions } from './AlarmActions.js';
import { useAlarmCenter } from './AlarmCenter.js';
import { EvidenceLayer } from './EvidenceLayer.js';
import {
  alarmPeople,
  evidenceBounds,
  evidenceCentre,
  lateReceivedAt,
  measuredText,
  qualificationProblems,
} from './evidence.js';
import { labelFor } from './labels.js';
import { CardSpanTags, useCardSpans } from '../track/CardSpans.js';
import { OrderForm } from './OrderForm.js';
import { SeverityTag, StatusTag } from './tags.js';

interface Detail {
  alarm: Alarm;
  steps: AlarmStep[];
  orders: SupervisionOrder[];
  /** Names by person id of the people the alarm names. */
  people: Record<string, string>;
}

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The track page around the alarm: an hour before its start to an hour after its end. */
export function trackLink(a: Pick<Alarm, 'vehicleId' | 'plate' | 'startedAt' | 'endedAt'>): string | null {
  if (!a.vehicleId) return null;
  const from = new Date(Date.parse(a.startedAt) - 3_600_000).toISOString();
  const to = new Date(Date.parse(a.endedAt ?? a.startedAt) + 3_600_000).toISOString();
  const q = new URLSearchParams({ vehicle: a.vehicleId, plate: a.plate ?? '', from, to });
  return `/track?${q.toString()}`;
}

export function AlarmDrawer({
  alarmId,
  companyName,
  onClose,
  onChanged,
}: {
  alarmId: string | null;
  companyName: (id: string) => string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const center = useAlarmCenter();
  const detail = useApi<Detail>(alarmId ? `/api/alarms/${alarmId}` : null);
  const [mapError, setMapError] = useState<string | null>(null);
  const { reload } = detail;

  useEffect(() => {
    if (!alarmId) return;
    api('/api/alarms/inbox/read', { method: 'POST', body: { alarmIds: [alarmId] } })
      .then(center.refreshUnread)
      .catch(() => undefined);
    return center.subscribe((a) => {
      if (a.id === alarmId) reload();
    });
  }, [alarmId, reload]);

  const a = detail.data?.alarm.id === alarmId ? detail.data.alarm : undefined;
  const lateAt = a ? lateReceivedAt(a) : null;
  const people = a
    ? alarmPeople(a, detail.data?.people ?? {})
    : { driver: null, waybillDriver: null, escort: false, unknownCard: null };
  const qualification = a ? qualificationProblems(a) : null;
  // Who had a card in the reader while the episode lasted (until the drawer opened, while it
  // lasts). A certificate warning is no driving episode.
  const shownAt = useMemo(() => Date.now(), [alarmId]);
  const driving = a !== undefined && a.vehicleId !== null && a.type !== 'certificate_expiry';
  const cards = useCardSpans(
    driving ? a.vehicleId : null,
    a ? Date.parse(a.startedAt) : 0,
    a?.endedAt ? Date.parse(a.endedAt) : shownAt,
    can('gateway:read'),
  );
  const centre = a ? evidenceCentre(a) : null;
  const link = a ? trackLink(a) : null;
  return (
    <Drawer
      open={alarmId !== null}
      onClose={onClose}
      width={640}
      title={a ? `${a.plate ?? ''} ${labelFor(t, 'alarmType', a.type)}` : t('common.loading')}
      data-testid="alarm-drawer"
      destroyOnClose
    >
      {detail.error && <Alert type="error" showIcon message={detail.error.message} />}
      {a && detail.data && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <AlarmActions
            alarms={[a]}
            onDone={() => {
              reload();
              onChanged();
            }}
          />
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('alarm.type')}>{labelFor(t, 'alarmType', a.type)}</Descriptions.Item>
            <Descriptions.Item label={t('alarm.severity')}>
              <SeverityTag severity={a.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.status')}>
              <StatusTag alarm={a} />
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.level')}>
              {labelFor(t, 'alarmLevel', a.level)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.plate')}>{a.plate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('alarm.company')}>{companyName(a.enterpriseId)}</Descriptions.Item>
            <Descriptions.Item label={t('alarm.driver')} span={a.type === 'driver_mismatch' ? 1 : 2}>
              <span data-testid="alarm-driver">{people.driver ?? '—'}</span>
              {people.unknownCard && (
                <Tag color="red" style={{ marginLeft: 6 }}>
                  {t('alarm.cardNotOnFile', { card: people.unknownCard })}
                </Tag>
              )}
            </Descriptions.Item>
            {a.type === 'driver_mismatch' && (
              <Descriptions.Item label={t('alarm.waybillDriver')}>
                <span data-testid="alarm-waybill-driver">{people.waybillDriver ?? '—'}</span>{' '}
                {people.escort && <Tag color="orange">{t('alarm.cardIsEscort')}</Tag>}
              </Descriptions.Item>
            )}
            {qualification && (
              <Descriptions.Item label={t('alarm.qualification')} span={2}>
                <span data-testid="alarm-qualification">
                  {qualification.reasons.map((r) => (
                    <Tag key={r} color="red">
                      {labelFor(t, 'qualReason', r)}
                    </Tag>
                  ))}
                  {qualification.until && (
                    <Typography.Text type="secondary">
                      {t('alarm.qualificationUntil', { until: qualification.until })}
                    </Typography.Text>
                  )}
                  {qualification.ageUntil && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {t('alarm.ageLimitUntil', { until: qualification.ageUntil })}
                    </Typography.Text>
                  )}
                </span>
              </Descriptions.Item>
            )}
            {can('gateway:read') && driving && (
              <Descriptions.Item label={t('alarm.cards')} span={2}>
                {cards === null ? '—' : <CardSpanTags spans={cards} testId="alarm-cards" label={false} />}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('alarm.time')}>
              {time(a.startedAt)}
              {lateAt && (
                <Tag color="gold" style={{ marginLeft: 6 }} data-testid="alarm-late">
                  {t('alarm.lateUpload', { at: time(lateAt) })}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.deadline')}>
              {time(a.deadlineAt)} {a.overdue && <Tag color="red">{t('alarm.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.measured')} span={2}>
              <Typography.Text strong data-testid="alarm-measured">
                {measuredText(a)}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('alarm.evidence')}
          </Typography.Title>
          {centre ? (
            <div className="mini-map" data-testid="evidence-map">
              <MapView tileUrl={localStorage.getItem('weiyun.basemapUrl')} onError={setMapError}>
                <DistrictLayer />
                <EvidenceLayer alarm={a} />
                <CameraTo centre={centre} bounds={evidenceBounds(a)} zoom={13} />
              </MapView>
              {mapError && <Alert type="error" message={mapError} />}
            </div>
          ) : (
            <Typography.Text type="secondary">{t('alarm.noPosition')}</Typography.Text>
          )}
          {link && can('positions:read') && (
            <Button size="small" onClick={() => navigate(link)} data-testid="alarm-track-link">
              {t('alarm.openTrack')}
            </Button>
          )}
          <Divider style={{ margin: '4px 0' }} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('alarm.steps')}
          </Typography.Title>
          <Timeline
            data-testid="alarm-steps"
            items={detail.data.steps.map((s) => ({
              color: s.actorId ? 'blue' : 'gray',
              children: (
                <div>
                  <Typography.Text strong>{labelFor(t, 'alarmAction', s.action)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {time(s.at)} · {s.actorName ?? t('alarm.system')} · {labelFor(t, 'alarmLevel', s.level)} →{' '}
                    {labelFor(t, 'alarmStatus', s.toStatus)}
                  </Typography.Text>
                  {s.note && <div>{s.note}</div>}
                  {typeof s.detail.text === 'string' && (
                    <div>
                      <Tag color="blue">0x8300</Tag>
                      {s.detail.text}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('alarm.orders')}
          </Typography.Title>
          {detail.data.orders.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {detail.data.orders.map((o) => (
            <Alert
              key={o.id}
              type={o.overdue ? 'error' : o.status === 'closed' ? 'success' : 'warning'}
              message={`${o.content} (${time(o.deadlineAt)})`}
              description={o.answer ?? undefined}
            />
          ))}
          {can('alarms:supervise') && a.status !== 'closed' && <OrderForm alarm={a} onDone={reload} />}
        </Space>
      )}
    </Drawer>
  );
}
