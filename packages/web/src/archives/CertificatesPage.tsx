/** 证照到期: every dated certificate in scope, soonest first, with expiry badges. */
import { Alert, Badge, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { Certificate, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { certificateKindLabel } from './enum-labels.js';
import { expiryBadge, WARN_DAYS } from './expiry.js';

export function CertificatesPage() {
  const { t, lang } = useI18n();
  const [within, setWithin] = useState<number | 'any'>(WARN_DAYS);
  const [holderType, setHolderType] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApi<Page<Certificate>>('/api/archives/certificates', {
    withinDays: within === 'any' ? undefined : within,
    holderType,
    page,
    pageSize,
  });
  const holderLabel = (h: string) =>
    ['enterprise', 'vehicle', 'tank', 'person'].includes(h) ? t(`holder.${h as 'enterprise'}`) : h;

  return (
    <Card className="page-card" title={t('cert.title')} data-testid="certificates">
      <Space style={{ marginBottom: 16 }}>
        {t('cert.within')}
        <Select
          style={{ width: 220 }}
          value={within}
          onChange={(v) => {
            setWithin(v);
            setPage(1);
          }}
          options={[
            { value: WARN_DAYS, label: t('cert.within30') },
            { value: 90, label: t('cert.within90') },
            { value: 'any', label: t('cert.any') },
          ]}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('cert.holderType')}
          value={holderType}
          onChange={(v: string | undefined) => {
            setHolderType(v);
            setPage(1);
          }}
          options={['enterprise', 'vehicle', 'tank', 'person'].map((h) => ({
            value: h,
            label: holderLabel(h),
          }))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
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
            title: t('cert.state'),
            dataIndex: 'state',
            width: 150,
            render: (_: unknown, c: Certificate) => {
              const b = expiryBadge(c.state);
              const text =
                c.state === 'expired'
                  ? t('expiry.expired')
                  : c.state === 'expiring'
                    ? t('expiry.expiring', { n: WARN_DAYS })
                    : t('expiry.valid');
              return <Badge status={b.status} text={text} data-testid={`expiry-${c.state}`} />;
            },
          },
          { title: t('cert.holder'), dataIndex: 'holderName' },
          {
            title: t('cert.holderType'),
            dataIndex: 'holderType',
            width: 100,
            render: (h: string) => holderLabel(h),
          },
          { title: t('cert.kind'), dataIndex: 'kind', render: (k: string) => certificateKindLabel(k, lang) },
          { title: t('cert.number'), dataIndex: 'number', render: (n: string | null) => n ?? '—' },
          { title: t('cert.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
          { title: t('cert.validUntil'), dataIndex: 'validUntil', width: 120 },
          { title: t('cert.daysLeft'), dataIndex: 'daysLeft', width: 100 },
        ]}
      />
    </Card>
  );
}
