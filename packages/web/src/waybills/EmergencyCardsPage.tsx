/** 应急处置卡 lookup: plate or waybill number → the active waybill's goods and cards, with a print page. */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, withQuery } from '../api/client.js';
import { useI18n } from '../i18n/I18n.js';
import { LookupBox } from './Subject.js';
import type { EmergencyCard } from './types.js';

export function EmergencyCardsPage() {
  const { t, label } = useI18n();
  const [card, setCard] = useState<EmergencyCard | null>(null);
  const [query, setQuery] = useState<{ plate?: string; waybill?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const lookup = (q: { plate: string } | { waybillNumber: string }) => {
    const query = 'plate' in q ? { plate: q.plate } : { waybill: q.waybillNumber };
    setLoading(true);
    setError(null);
    api<EmergencyCard>('/api/emergency-cards', { query })
      .then((c) => {
        setCard(c);
        setQuery(query);
      })
      .catch((e: unknown) => {
        setCard(null);
        setError(e instanceof ApiError ? e.message : String(e));
      })
      .finally(() => setLoading(false));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="emergency-page">
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <LookupBox loading={loading} onLookup={lookup} />
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Card>
      {card && (
        <Card
          size="small"
          title={`${card.waybill.number} · ${card.vehicle.plate}${card.trailer ? ` / ${card.trailer.plate}` : ''}`}
          extra={
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              href={withQuery('/api/emergency-cards/print', query)}
              target="_blank"
              data-testid="print-card"
            >
              {t('ec.print')}
            </Button>
          }
          data-testid="emergency-card"
        >
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('ec.carrier')}>
              {card.carrier.name} {card.carrier.phone}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.route')}>
              {card.waybill.originName} → {card.waybill.destinationName}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.driver')}>
              {card.driver ? `${card.driver.name} ${card.driver.phone ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.escort')}>
              {card.escort ? `${card.escort.name} ${card.escort.phone ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ec.phones')} span={2}>
              {card.phones.map((p) => `${label(p.label)} ${p.number}`).join(' · ')}
            </Descriptions.Item>
          </Descriptions>
          {card.lines.map((l) => (
            <Card
              key={l.lineNo}
              size="small"
              type="inner"
              style={{ marginBottom: 8 }}
              title={`UN${l.unNumber} ${l.name} · ${t('wb.class')} ${l.hazardClass} · ${l.quantity} ${l.unit}`}
            >
              <Typography.Paragraph strong>{label(l.card.title)}</Typography.Paragraph>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('ec.fire')}>{label(l.card.hazards.fire)}</Descriptions.Item>
                <Descriptions.Item label={t('ec.health')}>{label(l.card.hazards.health)}</Descriptions.Item>
                <Descriptions.Item label={t('ec.protection')}>{label(l.card.protection)}</Descriptions.Item>
                <Descriptions.Item label={t('ec.spill')}>{label(l.card.spill)}</Descriptions.Item>
              </Descriptions>
              <Typography.Text type="danger">
                {t('ec.distances', {
                  iso: l.card.distances.isolationM,
                  small: l.card.distances.smallSpillM,
                  large: l.card.distances.largeSpillM,
                  fire: l.card.distances.fireM,
                })}
              </Typography.Text>
            </Card>
          ))}
        </Card>
      )}
    </Space>
  );
}
