/** The selected vehicle: plate, company, speed, heading, last report, online state; follow it, open its track. */
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { LiveVehicle } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18n.js';
import { vehicleState } from './features.js';
import { compass, type VehicleInfo } from './live-store.js';

const stateColours = { moving: 'green', stopped: 'blue', offline: 'default', alarm: 'red' } as const;

export function VehicleCard({
  vehicle,
  info,
  company,
  following,
  onFollow,
  onClose,
  canTrack,
}: {
  vehicle: LiveVehicle;
  info: VehicleInfo | undefined;
  company: string | undefined;
  following: boolean;
  onFollow: (on: boolean) => void;
  onClose: () => void;
  canTrack: boolean;
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
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('live.waybillLater')}
      </Typography.Text>
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
