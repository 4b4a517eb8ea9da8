/**
 * 审计日志: who did what and when (GET /api/audit, newest first), filtered by action, target,
 * actor and time range; a row opens to show the record before and after.
 */
import { Button, Card, DatePicker, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { allRoles, auditQuery, formatTime, type AuditFilterValues } from './forms.js';
import { PagedTable, usePaging } from './parts.js';
import type { AuditRow, ListPage } from './types.js';

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

export function AuditPage() {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<AuditFilterValues>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const paging = usePaging();
  const list = useApi<ListPage<AuditRow>>('/api/audit', {
    ...auditQuery(filters),
    ...paging.query,
  });
  const apply = () => {
    setFilters({
      ...draft,
      fromDay: range?.[0]?.format('YYYY-MM-DD'),
      toDay: range?.[1]?.format('YYYY-MM-DD'),
    });
    paging.restart();
  };
  const field = (key: keyof AuditFilterValues, placeholder: string, width = 160) => (
    <Input
      allowClear
      size="small"
      style={{ width }}
      placeholder={placeholder}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      onPressEnter={apply}
    />
  );

  const columns = [
    {
      key: 'at',
      title: t('audit.at'),
      width: 170,
      render: (_: unknown, r: AuditRow) => formatTime(r.at, lang),
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_: unknown, r: AuditRow) =>
        r.actorName ? (
          <span title={r.actorId ?? ''}>
            {r.actorName}
            {r.actorRole && r.actorRole !== 'machine' ? (
              <Typography.Text type="secondary"> · {roleText(r.actorRole, t)}</Typography.Text>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'action', title: t('audit.action'), dataIndex: 'action' },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_: unknown, r: AuditRow) => (
        <span>
          {r.targetType}
          {r.targetId ? <Typography.Text type="secondary"> {r.targetId}</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      size="small"
      data-testid="audit-page"
      title={
        <Space wrap>
          {field('action', t('audit.action'))}
          {field('targetType', t('audit.targetType'))}
          {field('targetId', t('audit.targetId'), 260)}
          {field('actorId', t('audit.actor'), 260)}
          <DatePicker.RangePicker size="small" value={range} onChange={(v) => setRange(v)} />
          <Button size="small" type="primary" onClick={apply} data-testid="audit-search">
            {t('common.search')}
          </Button>
        </Space>
      }
    >
      <PagedTable
        list={list}
        paging={paging}
        columns={columns}
        testId="audit-list"
        expandable={{
          expandedRowRender: (r: AuditRow) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
              <div>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {json(r.before)}
                </pre>
              </div>
              <div>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {json(r.after)}
                </pre>
              </div>
            </div>
          ),
        }}
      />
    </Card>
  );
}

function roleText(role: string, t: ReturnType<typeof useI18n>['t']): string {
  const known = allRoles.find((r) => r === role);
  return known ? t(`role.${known}`) : role;
}
