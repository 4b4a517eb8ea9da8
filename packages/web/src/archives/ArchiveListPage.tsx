/** 电子档案 list: filters and search generated from the spec, server paging, export, import, create. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { withQuery } from '../api/client.js';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { enumLabel } from './enum-labels.js';
import { chinaToday, dayPlus, WARN_DAYS } from './expiry.js';
import { ImportModal } from './ImportModal.js';
import { columnsFor, formatValue } from './present.js';
import { RecordDrawer } from './RecordDrawer.js';
import { RecordForm } from './RecordForm.js';
import { useArchives, useSpec } from './Specs.js';

const filingColours: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  county_approved: 'cyan',
  filed: 'success',
  rejected: 'error',
};

export function ArchiveListPage({ path }: { path: string }) {
  const { t, lang, label } = useI18n();
  const { can } = useSession();
  const { districts } = useArchives();
  const spec = useSpec(path);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [expiring, setExpiring] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const query = {
    q: search || undefined,
    ...filters,
    certificateExpiresBy: expiring ? dayPlus(chinaToday(), WARN_DAYS) : undefined,
  };
  const list = useApi<Page<ArchiveRecord>>(spec ? `/api/archives/${path}` : null, {
    ...query,
    page,
    pageSize,
  });
  if (!spec) return <Card loading />;

  const filterFields = spec.fields.filter((f) => f.filter === 'eq' && (f.enum || f.key === 'districtCode'));
  const columns = columnsFor(spec).map((f) => ({
    key: f.key,
    dataIndex: f.key,
    title: label(f.label),
    ellipsis: true,
    render: (v: unknown) =>
      f.key === 'filingStatus' ? (
        <Tag color={filingColours[String(v)]}>{enumLabel('filingStatus', String(v), lang)}</Tag>
      ) : (
        formatValue(f, v, lang, districts)
      ),
  }));
  const exportUrl = (format: 'xlsx' | 'csv') =>
    withQuery(`/api/archives/${path}/export`, { ...query, format });
  const setFilter = (key: string, value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };

  return (
    <Card className="page-card" data-testid={`list-${path}`}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => {
            setSearch(v.trim());
            setPage(1);
          }}
          style={{ width: 240 }}
          data-testid="list-search"
        />
        {filterFields.map((f) => (
          <Select
            key={f.key}
            allowClear
            placeholder={label(f.label)}
            style={{ width: 160 }}
            value={filters[f.key]}
            onChange={(v: string | undefined) => setFilter(f.key, v)}
            options={
              f.key === 'districtCode'
                ? districts.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name }))
                : (f.enum ?? []).map((v) => ({ value: v, label: enumLabel(f.key, v, lang) }))
            }
          />
        ))}
        <Checkbox
          checked={expiring}
          onChange={(e) => {
            setExpiring(e.target.checked);
            setPage(1);
          }}
        >
          {t('archives.expiringOnly')}
        </Checkbox>
      </Space>
      <Space style={{ float: 'right' }}>
        {can('archives:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('common.create')}
          </Button>
        )}
        {can('archives:write') && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('common.import')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={exportUrl('xlsx')} data-testid="export-xlsx">
          {t('common.export')} xlsx
        </Button>
        <Button href={exportUrl('csv')}>CSV</Button>
      </Space>
      {list.error && (
        <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <RecordDrawer spec={spec} id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      {creating && (
        <RecordForm
          spec={spec}
          onClose={() => setCreating(false)}
          onSaved={(r) => {
            setCreating(false);
            list.reload();
            setOpen(r.id);
          }}
        />
      )}
      {importing && <ImportModal spec={spec} onClose={() => setImporting(false)} onImported={list.reload} />}
    </Card>
  );
}
