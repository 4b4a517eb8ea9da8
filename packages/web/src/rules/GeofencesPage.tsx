/**
 * 区域管理: the regulators' geofences (ban, restricted and speed zones, the city line) as a list
 * and on the map; those with rules:write draw, change and delete them.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/use-api.js';
import { useArchives } from '../archives/Specs.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { RowActions } from './form-parts.js';
import { GeofenceForm } from './GeofenceForm.js';
import { kindColours, shapeSummary } from './present.js';
import { RulesMap } from './RulesMap.js';
import { geofenceKinds, type Geofence, type GeofenceKind } from './types.js';

export function GeofencesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { districts } = useArchives();
  const [kind, setKind] = useState<GeofenceKind | undefined>();
  const [editing, setEditing] = useState<Geofence | 'new' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useApi<{ items: Geofence[]; total: number }>('/api/rules/geofences', { kind });
  const all = useApi<{ items: Geofence[]; total: number }>('/api/rules/geofences');
  const writer = can('rules:write');
  const reload = () => {
    list.reload();
    all.reload();
  };
  const district = (code: string | null) =>
    code === null
      ? t('rules.cityWide')
      : ((lang === 'en'
          ? districts.find((d) => d.code === code)?.nameEn
          : districts.find((d) => d.code === code)?.name) ?? code);

  const columns = [
    { key: 'name', title: t('geofence.name'), dataIndex: 'name', ellipsis: true },
    {
      key: 'kind',
      title: t('geofence.kind'),
      render: (_: unknown, g: Geofence) => (
        <Tag color={kindColours[g.kind]}>{t(`geofence.kind.${g.kind}`)}</Tag>
      ),
    },
    { key: 'shape', title: t('geofence.shape'), render: (_: unknown, g: Geofence) => shapeSummary(g, t) },
    {
      key: 'district',
      title: t('rules.district'),
      render: (_: unknown, g: Geofence) => district(g.districtCode),
    },
    {
      key: 'active',
      title: t('rules.active'),
      render: (_: unknown, g: Geofence) =>
        g.active ? <Tag color="green">{t('rules.on')}</Tag> : <Tag>{t('rules.off')}</Tag>,
    },
    ...(writer
      ? [
          {
            key: 'actions',
            title: t('rules.actions'),
            render: (_: unknown, g: Geofence) => (
              <RowActions
                name={g.name}
                path={`/api/rules/geofences/${g.id}`}
                onEdit={() => setEditing(g)}
                onDeleted={reload}
                testId={`geofence-edit-${g.name}`}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <div
      data-testid="geofences-page"
      style={{ display: 'grid', gridTemplateColumns: 'minmax(560px, 1fr) 1fr', gap: 16 }}
    >
      <Card
        size="small"
        title={
          <Space>
            <Select
              allowClear
              size="small"
              style={{ width: 160 }}
              placeholder={t('geofence.kind')}
              value={kind}
              onChange={setKind}
              options={geofenceKinds.map((k) => ({ value: k, label: t(`geofence.kind.${k}`) }))}
            />
          </Space>
        }
        extra={
          writer && (
            <Button
              type="primary"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="geofence-create"
            >
              {t('geofence.create')}
            </Button>
          )
        }
      >
        {list.error && (
          <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 8 }} />
        )}
        <Table
          rowKey="id"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 15, showTotal: (n) => t('common.total', { n }) }}
          onRow={(g) => ({ onClick: () => setSelected(g.id) })}
          rowClassName={(g) => (g.id === selected ? 'ant-table-row-selected' : '')}
          data-testid="geofence-list"
        />
      </Card>
      <Card size="small" styles={{ body: { height: 'calc(100vh - 140px)', padding: 0 } }}>
        <RulesMap geofences={all.data?.items ?? []} selected={selected} />
      </Card>
      {editing && (
        <GeofenceForm
          geofence={editing === 'new' ? undefined : editing}
          all={all.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
