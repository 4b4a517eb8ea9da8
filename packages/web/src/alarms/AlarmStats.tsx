/** The statistics strip: this month's handling rate against the 90 % line (seed 000), counts, response time. */
import { Card, Space, Statistic, Typography } from 'antd';
import type { HandlingStats } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import { percent } from './list.js';

export function AlarmStats({ stats }: { stats: HandlingStats | undefined }) {
  const { t } = useI18n();
  const o = stats?.overall;
  const rate = percent(o?.handlingRate ?? null);
  const target = Math.round((stats?.target ?? 0.9) * 100);
  const ok = rate === null || rate >= target;
  return (
    <Card size="small" data-testid="alarm-stats" loading={!stats}>
      <Space size={40} wrap align="center">
        <Space direction="vertical" size={0} style={{ minWidth: 260 }}>
          <Typography.Text type="secondary">{t('alarm.rate')}</Typography.Text>
          <Space align="center">
            {/* The bar and the 90 % line (seed 000) across it. */}
            <div className="rate-bar" data-testid="rate-bar">
              <div
                className="rate-fill"
                style={{ width: `${rate ?? 0}%`, background: ok ? '#52c41a' : '#f5222d' }}
              />
              <div
                className="rate-line"
                style={{ left: `${target}%` }}
                title={t('alarm.rateLine', { n: target })}
              />
            </div>
            <Typography.Text strong data-testid="rate-value">
              {rate === null ? '—' : `${rate}%`}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('alarm.rateLine', { n: target })}
            </Typography.Text>
          </Space>
        </Space>
        <Statistic title={t('alarm.totalTitle')} value={o?.total ?? 0} data-testid="stat-total" />
        <Statistic title={t('alarm.handledTitle')} value={o?.handled ?? 0} />
        <Statistic
          title={t('alarm.onTime')}
          value={percent(o?.onTimeRate ?? null) ?? '—'}
          suffix={o?.onTimeRate == null ? '' : '%'}
        />
        <Statistic
          title={t('alarm.avgResponse')}
          value={o?.averageResponseSeconds == null ? '—' : Math.round(o.averageResponseSeconds / 6) / 10}
          suffix={o?.averageResponseSeconds == null ? '' : 'min'}
        />
      </Space>
    </Card>
  );
}
