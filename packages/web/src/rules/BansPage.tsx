/** 限行规则: ban windows over the ban and restricted zones (zones × goods × time); rules:write edits them. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { RowActions } from './form-parts.js';
import { goodsClassLabel } from './present.js';
import { BanForm } from './BanForm.js';
import { banWhen } from './ban-text.js';
import type { BanWindow, Geofence } from './types.js';

export function BansPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [editing, setEditing] = useState<BanWindow | 'new' | null>(null);
  const bans = useApi<{ items: BanWindow[]; total: number }>('/api/rules/bans');
  const zones = useApi<{ items: Geofence[]; total: number }>('/api/rules/geofences');
  const zoneNames = useMemo(
    () => new Map((zones.data?.items ?? []).map((z) => [z.id, z.name])),
    [zones.data],
  );
  const writer = can('rules:write');

  const columns = [
    { key: 'name', title: t('ban.name'), dataIndex: 'name' },
    {
      key: 'zones',
      title: t('ban.zones'),
      render: (_: unknown, b: BanWindow) =>
        b.zoneIds.map((z) => <Tag key={z}>{zoneNames.get(z) ?? z.slice(0, 8)}</Tag>),
    },
    {
      key: 'goods',
      title: t('rules.goodsClasses'),
      render: (_: unknown, b: BanWindow) =>
        b.goodsClasses?.length
          ? b.goodsClasses.map((c) => goodsClassLabel(c, t)).join('、')
          : t('rules.allHazmat'),
    },
    { key: 'when', title: t('ban.when'), render: (_: unknown, b: BanWindow) => banWhen(b, t) },
    {
      key: 'active',
      title: t('rules.active'),
      render: (_: unknown, b: BanWindow) =>
        b.active ? <Tag color="green">{t('rules.on')}</Tag> : <Tag>{t('rules.off')}</Tag>,
    },
    ...(writer
      ? [
          {
            key: 'actions',
            title: t('rules.actions'),
            render: (_: unknown, b: BanWindow) => (
              <RowActions
                name={b.name}
                path={`/api/rules/bans/${b.id}`}
                onEdit={() => setEditing(b)}
                onDeleted={bans.reload}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      data-testid="bans-page"
      extra={
        writer && (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="ban-create"
          >
            {t('ban.create')}
          </Button>
        )
      }
    >
      {bans.error && <Alert type="error" showIcon message={bans.error.message} style={{ marginBottom: 8 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={bans.loading}
        columns={columns}
        dataSource={bans.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        data-testid="ban-list"
      />
      {editing && (
        <BanForm
          ban={editing === 'new' ? undefined : editing}
          zones={zones.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            bans.reload();
          }}
        />
      )}
    </Card>
  );
}
