/**
 * The selected vehicle: plate, company, class of goods, speed, heading, last report, online
 * state, the IC card in its reader, and its active waybill (number, goods, UN placards, driver and
 * escort); follow it, open its track.
 */
import { Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import type { LiveVehicle, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18n.js';
import { activeWaybill, isArchiveId, placardsOf, type CardWaybill } from './active-waybill.js';
import { cardInReader, type DriverCardReport } from './driver-card.js';
import { compass, vehicleState, type VehicleInfo } from './live-store.js';

const stateColours = { moving: 'green', stopped: 'blue', offline: 'default', alarm: 'red' } as const;

function ActiveWaybill({ vehicleId }: { vehicleId: string }) {
  const { t } = useI18n();
  const list = useApi<Page<CardWaybill>>('/api/waybills', { vehicleId, pageSize: 20 });
  if (list.loading && !list.data) return <Spin size="small" />;
  if (list.error) return <Typography.Text type="secondary">{list.error.message}</Typography.Text>;
  const w = activeWaybill(list.data?.items ?? []);
  if (!w) return <Typography.Text type="secondary">{t('live.noWaybill')}</Typography.Text>;
  return (
    <div data-testid="vehicle-waybill">
      <Typography.Text strong>{w.number}</Typography.Text> <Tag>{t(`wb.status.${w.status}`)}</Tag>
      <div className="placards">
        {placardsOf(w).map((p) => (
          <Space key={p.unNumber} size={6} style={{ marginTop: 4 }} data-testid="placard">
            <span className="un-placard" title={t('live.placard')}>
              UN{p.unNumber}
            </span>
            <span className="class-diamond" title={t('live.goodsClass')}>
              <span>{p.hazardClass}</span>
            </span>
            <Typography.Text>{p.name}</Typography.Text>
          </Space>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('live.driver')} {w.driverName ?? '—'} · {t('live.escort')} {w.escortName ?? '—'}
      </Typography.Text>
    </div>
  );
}

function CardInReader({ vehicleId }: { vehicleId: string }) {
  const { t } = useI18n();
  const list = useApi<{ items: DriverCardReport[] }>(`/api/gateway/vehicles/${vehicleId}/driver-cards`, {
    limit: 1,
  });
  if (list.loading && !list.data) return <Spin size="small" />;
  if (list.error) return <Typography.Text type="secondary">{list.error.message}</Typography.Text>;
  const c = cardInReader(list.data?.items[0]);
  if (c.kind === 'none') return <Typography.Text type="secondary">{t('live.noCard')}</Typography.Text>;
  const since = new Date(c.since).toLocaleString();
  if (c.kind === 'unreadable')
    return <Typography.Text type="warning">{t('live.cardUnreadable', { since })}</Typography.Text>;
  return (
    <span data-testid="vehicle-card-driver">
      {c.name} {!c.onFile && <Tag color="red">{t('live.cardNotOnFile')}</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('live.cardSince', { since })}
      </Typography.Text>
    </span>
  );
}

export function VehicleCard({
  vehicle,
  info,
  company,
  following,
  onFollow,
  onClose,
  canTrack,
  canWaybills,
  canCards,
}: {
  vehicle: LiveVehicle;
  info: VehicleInfo | null;
  company: string | undefined;
  following: boolean;
  onFollow: (on: boolean) => void;
  onClose: () => void;
  canTrack: boolean;
  canWaybills: boolean;
  /** May read the terminal's IC-card reports (gateway:read). */
  canCards: boolean;
}) {
  const { t } = useI18n();
  const plate = info?.plate ?? vehicle.vehicleId;
  const state = vehicleState(vehicle);
  const from = new Date(Date.parse(vehicle.deviceTime) - 2 * 3_600_000).toISOString();
  const to = new Date(Date.parse(vehicle.deviceTime) + 60_000).toISOString();
  const track = `/track?${new URLSearchParams({ vehicle: vehicle.vehicleId, plate, from, to }).toString()}`;
  return (
    <Card
      size="small"
      className="vehicle-card"
      data-testid="vehicle-card"
      title={
        <Space>
          <Typography.Text strong>{plate}</Typography.Text>
          <Tag color={stateColours[state]}>{t(`live.state.${state}`)}</Tag>
        </Space>
      }
      extra={
        <Button size="small" type="text" onClick={onClose}>
          ×
        </Button>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('live.company')}>{company ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('live.goodsClass')}>
          {info?.transportClass ? t(`live.class.${info.transportClass}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('live.speed')}>{Math.round(vehicle.speed)} km/h</Descriptions.Item>
        <Descriptions.Item label={t('live.heading')}>
          {Math.round(vehicle.heading)}° {compass(vehicle.heading)}
        </Descriptions.Item>
        <Descriptions.Item label={t('live.lastReport')}>
          {new Date(vehicle.deviceTime).toLocaleString()}
        </Descriptions.Item>
        <Descriptions.Item label={t('live.online')}>
          <Tag color={vehicle.status === 'online' ? 'green' : 'default'}>
            {vehicle.status === 'online' ? t('live.online') : t('live.offline')}
          </Tag>
          {vehicle.alarms.map((a) => (
            <Tag key={a} color="red">
              {a}
            </Tag>
          ))}
        </Descriptions.Item>
        {canCards && isArchiveId(vehicle.vehicleId) && (
          <Descriptions.Item label={t('live.card')}>
            <CardInReader vehicleId={vehicle.vehicleId} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('live.waybill')}>
          {canWaybills && isArchiveId(vehicle.vehicleId) ? (
            <ActiveWaybill vehicleId={vehicle.vehicleId} />
          ) : (
            <Typography.Text type="secondary">{t('live.noWaybill')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          type={following ? 'primary' : 'default'}
          onClick={() => onFollow(!following)}
          data-testid="vehicle-follow"
        >
          {following ? t('live.unfollow') : t('live.follow')}
        </Button>
        {canTrack && (
          <Button size="small" onClick={() => navigate(track)} data-testid="vehicle-track">
            {t('live.track')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
