/** What the filling operator and the checkpoint officer see: the lookup box and the vehicle's papers. */
import {
  Card,
  Descriptions,
  Empty,
  Image,
  Input,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Page } from '../api/types.js';
import type { Loaded } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { lookupOf } from './present.js';
import type { Lookup, SubjectCertificate, SubjectPerson, SubjectVehicle } from './types.js';

export function LookupBox({
  loading,
  onLookup,
}: {
  loading: boolean;
  onLookup: (q: { plate: string } | { waybillNumber: string }) => void;
}) {
  const { t } = useI18n();
  return (
    <Input.Search
      size="large"
      enterButton={t('vf.lookup')}
      placeholder={t('vf.lookupHint')}
      loading={loading}
      style={{ maxWidth: 480 }}
      onSearch={(v) => {
        const q = lookupOf(v);
        if (q) onLookup(q);
      }}
      data-testid="lookup-box"
    />
  );
}

function Certificates({ items }: { items: SubjectCertificate[] }) {
  const { t } = useI18n();
  if (!items.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space wrap>
      {items.map((c) => (
        <Tag key={`${c.kind}-${c.number ?? ''}`} color={c.valid ? 'green' : 'red'}>
          {c.kind}
          {c.number ? ` ${c.number}` : ''} · {t('vf.validUntil', { day: c.validUntil })}
          {c.valid ? '' : ` · ${t('vf.expired')}`}
        </Tag>
      ))}
    </Space>
  );
}

// Cells, not Descriptions.Item wrappers: Descriptions reads its items' props directly.
function VehicleCell({ v }: { v: SubjectVehicle | null }) {
  return (
    <>
      {v ? (
        <Space direction="vertical" size={2}>
          <span>
            <b>{v.plate}</b> · {v.enterpriseName} · {v.vehicleType} · {v.ratedLoadKg} kg
          </span>
          <Certificates items={v.certificates} />
        </Space>
      ) : (
        '—'
      )}
    </>
  );
}

function PersonCell({ p }: { p: SubjectPerson | null }) {
  return (
    <>
      {p ? (
        <Space align="start">
          {p.photoUrl ? <Image src={p.photoUrl} width={56} height={72} alt={p.name} /> : null}
          <Space direction="vertical" size={2}>
            <span>
              <b>{p.name}</b> {p.phone ?? ''}
            </span>
            <Certificates items={p.certificates} />
          </Space>
        </Space>
      ) : (
        '—'
      )}
    </>
  );
}

export function SubjectView({ s }: { s: Lookup }) {
  const { t } = useI18n();
  const w = s.waybill;
  return (
    <Card size="small" data-testid="subject">
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t('wb.number')}>
          {w ? (
            <span data-testid="subject-waybill">
              {w.number} <Tag>{t(`wb.status.${w.status}` as 'wb.status.draft')}</Tag>
            </span>
          ) : (
            <Tag color="red">{t('vf.noWaybill')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('wb.checks')}>
          {w?.checkResults ? (
            w.checkResults.every((r) => r.passed) ? (
              <Tag color="green">{t('wb.checksPassed')}</Tag>
            ) : (
              <Tag color="red">
                {t('wb.checksFailed', { n: w.checkResults.filter((r) => !r.passed).length })}
              </Tag>
            )
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('wb.vehicle')} span={2}>
          <VehicleCell v={s.vehicle} />
        </Descriptions.Item>
        {s.trailer && (
          <Descriptions.Item label={t('wb.trailer')} span={2}>
            <VehicleCell v={s.trailer} />
          </Descriptions.Item>
        )}
        {s.tank && (
          <Descriptions.Item label={t('wb.tank')} span={2}>
            <Space direction="vertical" size={2}>
              <span>
                {s.tank.tankNo} · {s.tank.volumeM3} m³
              </span>
              <Certificates items={s.tank.certificates} />
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('wb.driver')} span={2}>
          <PersonCell p={s.driver} />
        </Descriptions.Item>
        <Descriptions.Item label={t('wb.escort')} span={2}>
          <PersonCell p={s.escort} />
        </Descriptions.Item>
      </Descriptions>
      {w ? (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(l) => String(l.lineNo)}
          pagination={false}
          dataSource={w.lines}
          columns={[
            { key: 'un', title: t('wb.un'), render: (_: unknown, l) => `UN${l.unNumber}` },
            { key: 'name', title: t('wb.goodsName'), dataIndex: 'name' },
            { key: 'class', title: t('wb.class'), dataIndex: 'hazardClass' },
            { key: 'q', title: t('wb.quantity'), render: (_: unknown, l) => `${l.quantity} ${l.unit}` },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vf.noWaybill')} />
      )}
    </Card>
  );
}

/** The lookup's state: the answer, a not-found or other error, loading. */
export function useLookup<T>(path: string | null, onFound?: (r: T) => void) {
  const { t } = useI18n();
  const [found, setFound] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const lookup = (q: { plate: string } | { waybillNumber: string }) => {
    if (!path) return;
    setLoading(true);
    setError(null);
    api<T>(path, { query: q })
      .then((r) => {
        setFound(r);
        onFound?.(r);
      })
      .catch((e: unknown) => {
        setFound(null);
        setError(e instanceof ApiError && e.status === 404 ? t('vf.notFound') : String((e as Error).message));
      })
      .finally(() => setLoading(false));
  };
  return { found, error, loading, lookup };
}

interface RecentRow {
  id: string;
  plate: string;
  waybillNumber: string | null;
}

/** The place's latest records: time, plate, waybill, then the page's own columns. */
export function RecentCard<R extends RecentRow>({
  loaded,
  timeOf,
  columns,
}: {
  loaded: Loaded<Page<R>>;
  timeOf: (r: R) => string;
  columns: TableColumnsType<R>;
}) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" title={t('vf.recent')}>
      <Table<R>
        size="small"
        rowKey="id"
        loading={loaded.loading}
        dataSource={loaded.data?.items ?? []}
        pagination={false}
        columns={[
          {
            key: 'time',
            title: t('vf.time'),
            render: (_: unknown, r) => new Date(timeOf(r)).toLocaleString(lang),
          },
          { key: 'plate', title: t('wb.plate'), dataIndex: 'plate' },
          { key: 'wb', title: t('wb.number'), render: (_: unknown, r) => r.waybillNumber ?? '—' },
          ...columns,
        ]}
      />
    </Card>
  );
}
