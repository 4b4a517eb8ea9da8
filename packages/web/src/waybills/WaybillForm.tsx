/**
 * Create or edit a waybill: parties, vehicle and crew from the company's archives, route and
 * times, goods lines with the UN picker; the automatic checks run live (debounced dry run)
 * beside the form, and the server's field errors land under their fields.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { serverFieldErrors, toFormErrors } from '../api/field-errors.js';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { CheckResults } from './CheckResults.js';
import { formFieldNames, goodsOptionLabel, toBody, toFormValues, type WaybillFormValues } from './present.js';
import type { CheckResult, GoodsSummary, Waybill } from './types.js';

const DEBOUNCE_MS = 600;
const POWERED = ['tractor', 'rigid_tank', 'van'];

function GoodsPicker({
  value,
  onChange,
  onPick,
}: {
  value?: string;
  onChange?: (v: string) => void;
  onPick: (g: GoodsSummary) => void;
}) {
  const { t, lang } = useI18n();
  const [options, setOptions] = useState<GoodsSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    if (!q.trim()) return;
    setLoading(true);
    api<Page<GoodsSummary>>('/api/goods', { query: { q: q.trim(), pageSize: 20 } })
      .then((r) => setOptions(r.items))
      .catch(() => setOptions([]))
      .finally(() => setLoading(false));
  };
  return (
    <Select
      showSearch
      value={value || undefined}
      placeholder={t('wb.unPick')}
      filterOption={false}
      onSearch={search}
      notFoundContent={loading ? <Spin size="small" /> : null}
      options={options.map((g) => ({ value: g.unNumber, label: goodsOptionLabel(g, lang) }))}
      onChange={(v: string) => {
        onChange?.(v);
        const g = options.find((o) => o.unNumber === v);
        if (g) onPick(g);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={420}
      data-testid="goods-picker"
    />
  );
}

export function WaybillForm({
  waybill,
  onClose,
  onSaved,
}: {
  waybill?: Waybill;
  onClose: () => void;
  onSaved: (w: Waybill) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<WaybillFormValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const [checks, setChecks] = useState<CheckResult[] | null>(null);
  const [checkProblems, setCheckProblems] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const seq = useRef(0);

  const vehicles = useApi<Page<ArchiveRecord>>('/api/archives/vehicles', { pageSize: 200 });
  const people = useApi<Page<ArchiveRecord>>('/api/archives/personnel', { pageSize: 200 });
  const vehicleOptions = (trailer: boolean) =>
    (vehicles.data?.items ?? [])
      .filter((v) => (trailer ? v.vehicleType === 'trailer' : POWERED.includes(String(v.vehicleType))))
      .map((v) => ({ value: v.id, label: `${String(v.plate)}${v.tankNo ? ` · ${String(v.tankNo)}` : ''}` }));
  const personOptions = (role: 'driver' | 'escort') =>
    (people.data?.items ?? [])
      .filter((p) => Array.isArray(p.roles) && (p.roles as string[]).includes(role))
      .map((p) => ({ value: p.id, label: `${String(p.name)}${p.phone ? ` · ${String(p.phone)}` : ''}` }));

  const initial = useMemo<WaybillFormValues>(
    () =>
      waybill
        ? toFormValues(waybill)
        : { lines: [{ unit: 'kg', packaging: 'tank' }], plannedDeparture: undefined },
    [waybill],
  );

  const runCheck = () => {
    const body = toBody(form.getFieldsValue(true) as WaybillFormValues);
    if (!body) {
      setChecks(null);
      setCheckProblems([]);
      return;
    }
    const mine = ++seq.current;
    setChecking(true);
    api<{ passed: boolean; results: CheckResult[] }>('/api/waybills/check', { method: 'POST', body })
      .then((r) => {
        if (mine !== seq.current) return;
        setChecks(r.results);
        setCheckProblems([]);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setChecks(null);
        setCheckProblems(
          e instanceof ApiError
            ? serverFieldErrors(e.details).length
              ? serverFieldErrors(e.details).map(
                  (f) => `${f.field.replace(/^body\./, '')}: ${f.message ?? f.reason}`,
                )
              : [e.message]
            : [String(e)],
        );
      })
      .finally(() => {
        if (mine === seq.current) setChecking(false);
      });
  };
  const scheduleCheck = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(runCheck, DEBOUNCE_MS);
  };
  useEffect(() => {
    if (waybill) scheduleCheck();
    return () => clearTimeout(timer.current);
  }, [waybill]);
  // The same checks again in the other language.
  useEffect(() => {
    if (checks) runCheck();
  }, [lang]);

  const save = async (submit: boolean) => {
    setOther([]);
    const values = form.getFieldsValue(true) as WaybillFormValues;
    const body = toBody(values);
    if (!body) {
      setOther([t('wb.checksWaiting')]);
      return;
    }
    setBusy(true);
    try {
      let saved = await api<Waybill>(waybill ? `/api/waybills/${waybill.id}` : '/api/waybills', {
        method: waybill ? 'PUT' : 'POST',
        body,
        query: waybill ? { version: waybill.version } : undefined,
      });
      if (submit) saved = await api<Waybill>(`/api/waybills/${saved.id}/submit`, { method: 'POST' });
      void message.success(
        submit ? t('wb.submitted', { status: t(`wb.status.${saved.status}`) }) : t('common.saved'),
      );
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        // Goods-line problems (lines.0.quantity) are listed above the form, the rest under their fields.
        const mapped = toFormErrors(
          e.details,
          formFieldNames.filter((n) => n !== 'lines'),
        );
        form.setFields(
          mapped.fields.map((f) => ({ name: f.name as keyof WaybillFormValues, errors: f.errors })),
        );
        setOther(mapped.other.length ? mapped.other : [e.message]);
      } else setOther([e instanceof ApiError ? e.message : String(e)]);
    } finally {
      setBusy(false);
    }
  };

  const pickVehicle = (id: string | undefined) => {
    const v = vehicles.data?.items.find((x) => x.id === id);
    if (v && typeof v.tankId === 'string') form.setFieldValue('tankId', v.tankId);
  };

  const two = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 } as const;
  return (
    <Drawer
      open
      width={1180}
      title={waybill ? t('wb.editTitle', { number: waybill.number }) : t('wb.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={busy} onClick={() => void save(false)} data-testid="wb-save">
            {t('wb.saveDraft')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => void save(true)} data-testid="wb-save-submit">
            {t('wb.saveSubmit')}
          </Button>
        </Space>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={scheduleCheck}
          data-testid="waybill-form"
        >
          {other.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="wb-form-errors"
              message={other.map((o) => (
                <div key={o}>{o}</div>
              ))}
            />
          )}
          <Typography.Title level={5}>{t('wb.parties')}</Typography.Title>
          {(['consignor', 'consignee', 'loader'] as const).map((p) => (
            <div style={two} key={p}>
              <Form.Item
                name={`${p}Name`}
                label={`${t(`wb.${p}`)} · ${t('wb.name')}`}
                required={p !== 'loader'}
              >
                <Input maxLength={100} data-testid={`wb-${p}Name`} />
              </Form.Item>
              <Form.Item
                name={`${p}Phone`}
                label={`${t(`wb.${p}`)} · ${t('wb.phone')}`}
                required={p !== 'loader'}
              >
                <Input maxLength={30} data-testid={`wb-${p}Phone`} />
              </Form.Item>
            </div>
          ))}
          <Typography.Title level={5}>{t('wb.transport')}</Typography.Title>
          <div style={two}>
            <Form.Item name="vehicleId" label={t('wb.vehicle')} required>
              <Select
                showSearch
                optionFilterProp="label"
                options={vehicleOptions(false)}
                loading={vehicles.loading}
                onChange={pickVehicle}
                data-testid="wb-vehicle"
              />
            </Form.Item>
            <Form.Item name="trailerId" label={t('wb.trailer')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={vehicleOptions(true)}
                onChange={pickVehicle}
                data-testid="wb-trailer"
              />
            </Form.Item>
            <Form.Item name="driverId" label={t('wb.driver')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={personOptions('driver')}
                loading={people.loading}
                data-testid="wb-driver"
              />
            </Form.Item>
            <Form.Item name="escortId" label={t('wb.escort')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={personOptions('escort')}
                data-testid="wb-escort"
              />
            </Form.Item>
          </div>
          <Form.Item name="tankId" hidden>
            <Input />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('wb.tankFromVehicle')}
          </Typography.Paragraph>
          <div style={two}>
            <Form.Item name="originName" label={t('wb.origin')} required>
              <Input maxLength={200} data-testid="wb-origin" />
            </Form.Item>
            <Form.Item name="destinationName" label={t('wb.destination')} required>
              <Input maxLength={200} data-testid="wb-destination" />
            </Form.Item>
            <Form.Item name="plannedDeparture" label={t('wb.departure')} required>
              <Input type="datetime-local" data-testid="wb-departure" />
            </Form.Item>
            <Form.Item name="plannedArrival" label={t('wb.arrival')}>
              <Input type="datetime-local" data-testid="wb-arrival" />
            </Form.Item>
            <Form.Item name="publicSecurityPermitNo" label={t('wb.permit')}>
              <Input maxLength={100} data-testid="wb-permit" />
            </Form.Item>
            <Form.Item name="remarks" label={t('wb.remarks')}>
              <Input maxLength={2000} />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('wb.lines')}</Typography.Title>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card
                    size="small"
                    key={f.key}
                    style={{ marginBottom: 8 }}
                    data-testid={`wb-line-${f.name}`}
                  >
                    <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 1fr auto', gap: 8 }}>
                      <Form.Item name={[f.name, 'unNumber']} label={t('wb.un')} required>
                        <GoodsPicker
                          onPick={(g) => {
                            form.setFieldValue(
                              ['lines', f.name, 'name'],
                              lang === 'en' ? g.nameEn : g.nameZh,
                            );
                            form.setFieldValue(['lines', f.name, 'hazardClass'], g.hazardClass);
                            form.setFieldValue(['lines', f.name, 'packingGroup'], g.packingGroups[0] ?? null);
                            scheduleCheck();
                          }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} label={t('wb.goodsName')}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'hazardClass']} label={t('wb.class')}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'packingGroup']} label={t('wb.pg')}>
                        <Select
                          allowClear
                          options={['I', 'II', 'III'].map((v) => ({ value: v, label: v }))}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        style={{ marginTop: 30 }}
                        disabled={fields.length === 1}
                        onClick={() => {
                          remove(f.name);
                          scheduleCheck();
                        }}
                      />
                    </div>
                    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
                      <Form.Item name={[f.name, 'packaging']} label={t('wb.packaging')}>
                        <Input placeholder="tank" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']} label={t('wb.quantity')} required>
                        <InputNumber
                          min={0}
                          style={{ width: '100%' }}
                          data-testid={`wb-quantity-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'unit']} label={t('wb.unit')}>
                        <Select options={['kg', 'L'].map((v) => ({ value: v, label: v }))} />
                      </Form.Item>
                    </div>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ unit: 'kg', packaging: 'tank' })}>
                  {t('wb.addLine')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
        <Card
          size="small"
          title={t('wb.checksLive')}
          extra={checking ? <Spin size="small" /> : null}
          style={{ alignSelf: 'start', position: 'sticky', top: 0 }}
          data-testid="live-checks"
        >
          {checkProblems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={checkProblems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            />
          )}
          {checks ? (
            <CheckResults results={checks} testId="live-check-results" />
          ) : (
            <Typography.Text type="secondary">{t('wb.checksWaiting')}</Typography.Text>
          )}
        </Card>
      </div>
    </Drawer>
  );
}
