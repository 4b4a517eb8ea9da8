/** 运单管理: filters (status, plate, number, departure days), status tags, the detail drawer and the form. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { listQuery, statusColours } from './present.js';
import { waybillStatuses, type Waybill } from './types.js';
import { WaybillDrawer } from './WaybillDrawer.js';
import { WaybillForm } from './WaybillForm.js';

interface Filters {
  status?: string;
  plate?: string;
  number?: string;
  fromDay?: string;
  toDay?: string;
}

export function WaybillListPage() {
  const { t, lang } = useI18n();
  const { can, me } = useSession();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Waybill | 'new' | null>(null);
  // Bumped after a save so the drawer reads the saved waybill again.
  const [shown, setShown] = useState(0);
  const list = useApi<Page<Waybill>>('/api/waybills', { ...listQuery(filters), page, pageSize });
  // Regulators see many companies: the carrier column is theirs.
  const regulator = me?.user.scope.kind === 'city' || me?.user.scope.kind === 'district';
  const apply = (f: Filters) => {
    setFilters(f);
    setPage(1);
  };

  const columns = [
    { key: 'number', title: t('wb.number'), dataIndex: 'number' },
    {
      key: 'status',
      title: t('wb.status'),
      render: (_: unknown, w: Waybill) => (
        <Tag color={statusColours[w.status]} data-testid={`status-${w.number}`}>
          {t(`wb.status.${w.status}`)}
        </Tag>
      ),
    },
    ...(regulator
      ? [{ key: 'company', title: t('wb.company'), dataIndex: 'enterpriseName', ellipsis: true }]
      : []),
    { key: 'plate', title: t('wb.plate'), render: (_: unknown, w: Waybill) => w.plate ?? '—' },
    {
      key: 'goods',
      title: t('wb.goods'),
      ellipsis: true,
      render: (_: unknown, w: Waybill) => w.lines.map((l) => `UN${l.unNumber} ${l.name}`).join('，'),
    },
    {
      key: 'route',
      title: t('wb.route'),
      ellipsis: true,
      render: (_: unknown, w: Waybill) => `${w.originName} → ${w.destinationName}`,
    },
    {
      key: 'departure',
      title: t('wb.departure'),
      render: (_: unknown, w: Waybill) => new Date(w.plannedDeparture).toLocaleString(lang),
    },
  ];

  return (
    <Card className="page-card" data-testid="list-waybills">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('wb.status')}
          value={draft.status}
          onChange={(v?: string) => {
            const f = { ...draft, status: v };
            setDraft(f);
            apply(f);
          }}
          options={waybillStatuses.map((s) => ({ value: s, label: t(`wb.status.${s}`) }))}
          data-testid="wb-filter-status"
        />
        <Input
          allowClear
          style={{ width: 140 }}
          placeholder={t('wb.plate')}
          value={draft.plate}
          onChange={(e) => setDraft({ ...draft, plate: e.target.value })}
          onPressEnter={() => apply(draft)}
        />
        <Input
          allowClear
          style={{ width: 180 }}
          placeholder={t('wb.number')}
          value={draft.number}
          onChange={(e) => setDraft({ ...draft, number: e.target.value })}
          onPressEnter={() => apply(draft)}
        />
        <Space.Compact>
          <Input
            type="date"
            aria-label={t('wb.fromDay')}
            value={draft.fromDay}
            onChange={(e) => setDraft({ ...draft, fromDay: e.target.value })}
          />
          <Input
            type="date"
            aria-label={t('wb.toDay')}
            value={draft.toDay}
            onChange={(e) => setDraft({ ...draft, toDay: e.target.value })}
          />
        </Space.Compact>
        <Button type="primary" onClick={() => apply(draft)}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            apply({});
          }}
        >
          {t('common.reset')}
        </Button>
        {can('waybills:write') && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="wb-create">
            {t('wb.create')}
          </Button>
        )}
      </Space>
      {list.error && (
        <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} />
      )}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={(w) => ({ onClick: () => setOpen(w.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      {open && (
        <WaybillDrawer
          key={`${open}-${shown}`}
          id={open}
          onClose={() => setOpen(null)}
          onChanged={list.reload}
          onEdit={(w) => setEditing(w)}
        />
      )}
      {editing && (
        <WaybillForm
          waybill={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(w) => {
            setEditing(null);
            list.reload();
            setShown((n) => n + 1);
            setOpen(w.id);
          }}
        />
      )}
    </Card>
  );
}
