/** Create / edit a ban window: zones, goods, date ranges, daily windows and weekdays; server field errors on their fields. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { useMemo } from 'react';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { DistrictItem, OtherErrors, useRuleSave } from './form-parts.js';
import { goodsClassLabel } from './present.js';
import { toBanBody, toBanValues, type BanValues } from './forms.js';
import { goodsClassOptions, type BanWindow, type Geofence } from './types.js';

const formFields = [
  'name',
  'districtCode',
  'zoneIds',
  'goodsClasses',
  'periods',
  'daily',
  'weekdays',
  'enterpriseId',
  'basis',
  'active',
];
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function BanForm({
  ban,
  zones,
  onClose,
  onSaved,
}: {
  ban?: BanWindow;
  zones: readonly Geofence[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm();
  const { busy, other, send } = useRuleSave(form, formFields, onSaved);
  const city = me?.user.scope.kind === 'city';
  const companies = useApi<Page<ArchiveRecord>>('/api/archives/enterprises', { pageSize: 500 });
  const initial = useMemo(() => toBanValues(ban), [ban]);
  // Only ban and restricted zones carry ban windows.
  const zoneOptions = zones
    .filter((z) => z.kind === 'ban_zone' || z.kind === 'restricted_zone')
    .map((z) => ({ value: z.id, label: `${z.name} · ${t(`geofence.kind.${z.kind}`)}` }));
  const required = { required: true, message: t('rules.required') };
  const hhmm = { pattern: HHMM, message: t('ban.hhmm') };

  const save = async () => {
    const values = (await form.validateFields()) as BanValues;
    await send('/api/rules/bans', ban?.id, toBanBody(values, { city, version: ban?.version }));
  };

  return (
    <Modal
      open
      width={760}
      title={t(ban ? 'ban.edit' : 'ban.create')}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <OtherErrors other={other} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="ban-form"
        style={{ maxHeight: '62vh', overflow: 'auto', paddingRight: 8 }}
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="name" label={t('ban.name')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={100} data-testid="ban-name" />
          </Form.Item>
          {city ? <DistrictItem /> : <div />}
          <Form.Item
            name="zoneIds"
            label={t('ban.zones')}
            rules={[{ ...required, type: 'array', min: 1 }]}
            style={{ gridColumn: '1 / -1' }}
          >
            <Select mode="multiple" options={zoneOptions} optionFilterProp="label" data-testid="ban-zones" />
          </Form.Item>
          <Form.Item name="goodsClasses" label={t('rules.goodsClasses')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('rules.allHazmat')}
              options={goodsClassOptions.map((c) => ({ value: c, label: goodsClassLabel(c, t) }))}
            />
          </Form.Item>
          <Form.Item name="enterpriseId" label={t('ban.enterprise')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('ban.allCompanies')}
              options={(companies.data?.items ?? []).map((e) => ({
                value: e.id,
                label: String(e.name ?? e.id),
              }))}
            />
          </Form.Item>
        </div>
        <Form.Item label={t('ban.daily')} extra={t('ban.dailyHint')}>
          <Form.List name="daily">
            {(items, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {items.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'start']} rules={[required, hhmm]} noStyle>
                      <Input placeholder="07:00" style={{ width: 90 }} maxLength={5} />
                    </Form.Item>
                    —
                    <Form.Item name={[f.name, 'end']} rules={[required, hhmm]} noStyle>
                      <Input placeholder="09:00" style={{ width: 90 }} maxLength={5} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>
                  {t('ban.addDaily')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="weekdays" label={t('ban.weekdays')}>
          <Checkbox.Group
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              value: d,
              label: t(`ban.weekday.${d}` as 'ban.weekday.1'),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('ban.periods')} extra={t('ban.periodsHint')}>
          <Form.List name="periods">
            {(items, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {items.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'from']} rules={[required]} noStyle>
                      <Input type="datetime-local" style={{ width: 210 }} />
                    </Form.Item>
                    —
                    <Form.Item name={[f.name, 'to']} rules={[required]} noStyle>
                      <Input type="datetime-local" style={{ width: 210 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ from: '', to: '' })}>
                  {t('ban.addPeriod')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '3fr 1fr', columnGap: 16 }}>
          <Form.Item name="basis" label={t('ban.basis')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="active" label={t('rules.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
