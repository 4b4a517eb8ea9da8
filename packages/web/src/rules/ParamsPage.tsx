/**
 * 规则阈值: the thresholds the rules apply — the regulations' defaults, the city's layer, and the
 * layers of the companies and vehicles in scope (a vehicle's values: defaults ← city ← company ←
 * vehicle). The city edits every layer, a county its district's companies and their vehicles; a
 * company sees the layers that apply to it and changes nothing.
 */
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { serverFieldErrors } from '../api/field-errors.js';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/dict.js';
import { OtherErrors, RowActions } from './form-parts.js';
import {
  inherited,
  matchesLayer,
  PARAM_GROUPS,
  paramHint,
  toParamBody,
  toParamValues,
  unitLabel,
  type ParamCatalogue,
  type ParamLayer,
  type ParamScope,
  type ParamUnit,
  type ParamValues,
} from './params.js';

const units = new Map<string, ParamUnit>(PARAM_GROUPS.flatMap((g) => g.keys));
const pathOf = (scope: ParamScope, id: string | null) =>
  scope === 'city'
    ? '/api/rules/params/city'
    : `/api/rules/params/${scope === 'enterprise' ? 'enterprises' : 'vehicles'}/${id}`;

/** The vehicle types that report positions (every type but the trailer), as the archives' filter takes them. */
const REPORTING_TYPES = 'tractor,rigid_tank,van';

interface Target {
  scope: ParamScope;
  id: string | null;
  name: string | null;
}

export function ParamsPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const cat = useApi<ParamCatalogue>('/api/rules/params');
  const [editing, setEditing] = useState<Target | null>(null);
  const [picking, setPicking] = useState<'enterprise' | 'vehicle' | null>(null);
  const [search, setSearch] = useState('');
  const city = me?.user.scope.kind === 'city';
  // Companies read what applies to them; regulators with rules:write change it.
  const writer = can('rules:write');
  const layers = cat.data?.layers ?? [];
  const rows: ParamLayer[] = layers.some((l) => l.scope === 'city')
    ? layers
    : [
        {
          scope: 'city',
          id: null,
          name: null,
          enterpriseName: null,
          overrides: {},
          basis: null,
          version: 0,
          updatedAt: '',
        },
        ...layers,
      ];
  const shown = rows.filter((l) => matchesLayer(l, search));

  const columns = [
    {
      key: 'scope',
      title: t('params.layer'),
      width: 90,
      render: (_: unknown, l: ParamLayer) => (
        <Tag color={l.scope === 'city' ? 'blue' : l.scope === 'enterprise' ? 'purple' : 'cyan'}>
          {t(`params.scope.${l.scope}`)}
        </Tag>
      ),
    },
    {
      key: 'name',
      title: t('params.target'),
      render: (_: unknown, l: ParamLayer) => l.name ?? t('rules.cityWide'),
    },
    {
      key: 'enterprise',
      title: t('params.enterprise'),
      render: (_: unknown, l: ParamLayer) => l.enterpriseName ?? '',
    },
    {
      key: 'set',
      title: t('params.set'),
      render: (_: unknown, l: ParamLayer) =>
        Object.keys(l.overrides).length === 0 ? (
          <span style={{ color: '#888' }}>{t('params.none')}</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {Object.entries(l.overrides).map(([k, v]) => (
              <Tag key={k}>
                {t(`param.${k}` as MessageKey)}
                {lang === 'en' ? ': ' : '：'}
                {paramHint(v, units.get(k) ?? 's', lang)}
              </Tag>
            ))}
          </Space>
        ),
    },
    { key: 'basis', title: t('params.basis'), dataIndex: 'basis', width: 200 },
    {
      key: 'actions',
      title: t('rules.actions'),
      width: 140,
      render: (_: unknown, l: ParamLayer) =>
        !writer || (l.scope === 'city' && !city) ? null : (
          <RowActions
            name={`${t(`params.scope.${l.scope}`)} ${l.name ?? ''}`.trim()}
            path={pathOf(l.scope, l.id)}
            onEdit={() => setEditing({ scope: l.scope, id: l.id, name: l.name })}
            onDeleted={cat.reload}
            testId={`params-edit-${l.scope}`}
            deletable={l.version > 0}
          />
        ),
    },
  ];

  return (
    <Card
      size="small"
      data-testid="params-page"
      title={t('params.title')}
      extra={
        writer && (
          <Space>
            <Button size="small" onClick={() => setPicking('enterprise')} data-testid="params-add-enterprise">
              {t('params.addEnterprise')}
            </Button>
            <Button size="small" onClick={() => setPicking('vehicle')} data-testid="params-add-vehicle">
              {t('params.addVehicle')}
            </Button>
          </Space>
        )
      }
    >
      <Alert type="info" showIcon message={t('params.explain')} style={{ marginBottom: 8 }} />
      <Input.Search
        allowClear
        placeholder={t('params.search')}
        onSearch={setSearch}
        onChange={(e) => e.target.value === '' && setSearch('')}
        style={{ width: 320, marginBottom: 8 }}
        data-testid="params-search"
      />
      {cat.error && <Alert type="error" showIcon message={cat.error.message} style={{ marginBottom: 8 }} />}
      <Table
        rowKey={(l) => `${l.scope}:${l.id ?? ''}`}
        size="small"
        loading={cat.loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        data-testid="params-list"
      />
      {picking && (
        <PickTarget
          scope={picking}
          onClose={() => setPicking(null)}
          onPicked={(target) => {
            setPicking(null);
            setEditing(target);
          }}
        />
      )}
      {editing && cat.data && (
        <ParamForm
          target={editing}
          catalogue={cat.data}
          layer={layers.find((l) => l.scope === editing.scope && l.id === editing.id)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            cat.reload();
          }}
        />
      )}
    </Card>
  );
}

/** Chooses the company or vehicle whose thresholds to set (searching the archives in scope). */
function PickTarget({
  scope,
  onClose,
  onPicked,
}: {
  scope: 'enterprise' | 'vehicle';
  onClose: () => void;
  onPicked: (t: Target) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const found = useApi<Page<ArchiveRecord>>(
    scope === 'enterprise' ? '/api/archives/enterprises' : '/api/archives/vehicles',
    {
      pageSize: 20,
      // Trailers report no positions: the rules never see them, so they have no thresholds.
      ...(scope === 'vehicle' ? { vehicleType: REPORTING_TYPES } : {}),
      ...(q ? { q } : {}),
    },
  );
  const label = (r: ArchiveRecord) => String(scope === 'enterprise' ? r['name'] : r['plate']);
  const options = (found.data?.items ?? []).map((r) => ({ value: String(r['id']), label: label(r) }));
  return (
    <Modal
      open
      title={t(scope === 'enterprise' ? 'params.addEnterprise' : 'params.addVehicle')}
      onCancel={onClose}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'params-pick-ok' } as ButtonProps}
      onOk={() => chosen && onPicked({ scope, id: chosen.value, name: chosen.label })}
      okText={t('params.next')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Select
        showSearch
        style={{ width: '100%' }}
        placeholder={t(scope === 'enterprise' ? 'params.pickEnterprise' : 'params.pickVehicle')}
        filterOption={false}
        onSearch={setQ}
        loading={found.loading}
        options={options}
        labelInValue
        value={chosen}
        onChange={(v: { value: string; label: string }) => setChosen(v)}
        data-testid="params-pick"
      />
    </Modal>
  );
}

/** One layer's values: every parameter, empty where the layer follows the layers above it. */
function ParamForm({
  target,
  catalogue,
  layer,
  onClose,
  onSaved,
}: {
  target: Target;
  catalogue: ParamCatalogue;
  layer: ParamLayer | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ParamValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  // A vehicle stacks on its company's layer too, which only the vehicle's own view names.
  const effective = useApi<{ layers: ParamLayer[] }>(
    target.scope === 'vehicle' ? `/api/rules/params/vehicles/${target.id}` : null,
  );
  const above = inherited(
    catalogue.defaults,
    target.scope === 'vehicle' ? (effective.data?.layers ?? []) : catalogue.layers,
    target.scope,
  );

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setOther([]);
    try {
      await api(pathOf(target.scope, target.id), {
        method: 'PUT',
        body: toParamBody(values, layer?.version ?? 0),
      });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const rest: string[] = [];
        // Several problems may sit on one field (each company a city night would break): all shown.
        const byKey = new Map<string, string[]>();
        for (const f of serverFieldErrors(e.details)) {
          const key = /^(?:body\.)?overrides\.(\w+)$/.exec(f.field)?.[1];
          if (key && units.has(key)) byKey.set(key, [...(byKey.get(key) ?? []), f.message ?? f.reason]);
          else rest.push(f.message ?? f.reason);
        }
        form.setFields([...byKey].map(([key, errors]) => ({ name: ['overrides', key], errors })));
        setOther(serverFieldErrors(e.details).length === 0 ? [e.message] : rest);
      } else if (e instanceof ApiError && e.code === 'CONFLICT') setOther([t('archives.staleVersion')]);
      else setOther([e instanceof Error ? e.message : String(e)]);
    } finally {
      setBusy(false);
    }
  };

  const title =
    target.scope === 'city'
      ? t('params.cityTitle')
      : `${t(`params.scope.${target.scope}`)} · ${target.name ?? ''}`;
  return (
    <Modal
      open
      width={820}
      title={title}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'params-save' } as ButtonProps}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <OtherErrors other={other} />
      <Form
        form={form}
        layout="horizontal"
        labelWrap
        initialValues={toParamValues(layer)}
        data-testid="params-form"
        style={{ maxHeight: '64vh', overflow: 'auto', paddingRight: 8 }}
      >
        <Alert type="info" showIcon message={t('params.formHint')} style={{ marginBottom: 12 }} />
        {PARAM_GROUPS.map((g) => (
          <div key={g.group}>
            <h4 style={{ margin: '12px 0 8px' }}>{t(g.group)}</h4>
            {g.keys.map(([key, unit]) => {
              const [min, max] = catalogue.bounds[key] ?? [-Infinity, Infinity];
              const base = above[key];
              return (
                <Form.Item
                  key={key}
                  name={['overrides', key]}
                  label={t(`param.${key}` as MessageKey)}
                  labelCol={{ span: 9 }}
                  wrapperCol={{ span: 15 }}
                  style={{ marginBottom: 8 }}
                  rules={[
                    {
                      type: 'number',
                      min,
                      max,
                      message: t('params.range', { min: String(min), max: String(max) }),
                    },
                  ]}
                  extra={
                    base === undefined
                      ? undefined
                      : t(target.scope === 'city' ? 'params.default' : 'params.inherited', {
                          value: paramHint(base, unit, lang),
                        })
                  }
                >
                  <InputNumber
                    style={{ width: 200 }}
                    placeholder={base === undefined ? '' : String(base)}
                    addonAfter={unitLabel(unit, lang)}
                    data-testid={`param-${key}`}
                  />
                </Form.Item>
              );
            })}
          </div>
        ))}
        <Form.Item name="basis" label={t('params.basis')} labelCol={{ span: 9 }} wrapperCol={{ span: 15 }}>
          <Input.TextArea maxLength={500} rows={2} data-testid="params-basis" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
