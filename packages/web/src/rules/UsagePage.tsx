/** 电子运单使用率: per company for a month (lowest first) and the total over the last six months. */
import { Alert, Card, Col, Input, Progress, Row, Space, Statistic, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { EChart } from '../charts/EChart.js';
import {
  buildUsageChartOption,
  buildUsageTrendOption,
  monthsBack,
  type UsageLabels,
} from '../charts/usage.js';
import { useI18n } from '../i18n/I18n.js';
import type { UsageResponse, UsageRow } from './types.js';

/** This month in China time (UTC+8). */
const chinaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

function useTrend(month: string): { month: string; rate: number | null }[] | null {
  const [points, setPoints] = useState<{ month: string; rate: number | null }[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    void Promise.all(
      monthsBack(month, 6).map((m) =>
        api<UsageResponse>('/api/waybills/usage', { query: { month: m }, signal: ctrl.signal }).then((r) => ({
          month: m,
          rate: r.total.rate,
        })),
      ),
    )
      .then(setPoints)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [month]);
  return points;
}

export function UsagePage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(chinaMonth);
  const usage = useApi<UsageResponse>(/^\d{4}-\d{2}$/.test(month) ? '/api/waybills/usage' : null, { month });
  const trend = useTrend(/^\d{4}-\d{2}$/.test(month) ? month : chinaMonth());
  const labels: UsageLabels = useMemo(
    () => ({
      rate: t('usage.rate'),
      trips: t('usage.trips'),
      withWaybill: t('usage.withWaybill'),
      unnamed: t('usage.unnamed'),
    }),
    [t],
  );
  const option = useMemo(
    () => (usage.data ? buildUsageChartOption(usage.data.items, labels) : null),
    [usage.data, labels],
  );
  const trendOption = useMemo(() => (trend ? buildUsageTrendOption(trend, labels) : null), [trend, labels]);
  const total = usage.data?.total;
  const columns = [
    {
      key: 'name',
      title: t('wb.company'),
      render: (_: unknown, r: UsageRow) => r.enterpriseName ?? t('usage.unnamed'),
    },
    { key: 'trips', title: t('usage.trips'), dataIndex: 'trips', align: 'right' as const },
    { key: 'with', title: t('usage.withWaybill'), dataIndex: 'withWaybill', align: 'right' as const },
    {
      key: 'rate',
      title: t('usage.rate'),
      render: (_: unknown, r: UsageRow) => (
        <Progress
          percent={Math.round(r.rate * 1000) / 10}
          size="small"
          status={r.rate < 1 ? 'exception' : 'success'}
        />
      ),
    },
  ];
  return (
    <div data-testid="usage-page">
      <Space style={{ marginBottom: 12 }}>
        <Input
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          data-testid="usage-month"
        />
      </Space>
      {usage.error && (
        <Alert type="error" showIcon message={usage.error.message} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('usage.totalRate')}
              value={total?.rate == null ? '—' : Math.round(total.rate * 1000) / 10}
              suffix={total?.rate == null ? '' : '%'}
              loading={usage.loading}
              data-testid="usage-total"
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('usage.trips')} value={total?.trips ?? 0} loading={usage.loading} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('usage.trend')} styles={{ body: { padding: 4 } }}>
            {trendOption && <EChart option={trendOption} height={140} testId="chart-usage-trend" />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('usage.byCompany', { month })} style={{ marginTop: 16 }}>
        {option && usage.data!.items.length > 0 && (
          <EChart option={option} height={300} testId="chart-usage" />
        )}
        <Table
          rowKey="enterpriseId"
          size="small"
          loading={usage.loading}
          columns={columns}
          dataSource={usage.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          data-testid="usage-list"
        />
      </Card>
    </div>
  );
}
