/** Create / edit a geofence: fields by kind, the shape drawn on the map; server field errors on their fields. */
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useMemo } from 'react';
import { useSession } from '../auth/Session.js';
import { ShapeControl } from '../geo/ShapeControl.js';
import { shapeProblems, type Shape } from '../geo/shapes.js';
import { useI18n } from '../i18n/I18n.js';
import { DistrictItem, OtherErrors, useRuleSave } from './form-parts.js';
import { toGeofenceBody, toGeofenceValues, type GeofenceValues } from './forms.js';
import { geofenceFeatures, goodsClassLabel, shapeProblemKey } from './present.js';
import { geofenceKinds, goodsClassOptions, type Geofence } from './types.js';

const formFields = [
  'kind',
  'name',
  'districtCode',
  'shape',
  'roadClass',
  'postedLimitKmh',
  'priority',
  'goodsClasses',
  'active',
  'remarks',
];

export function GeofenceForm({
  geofence,
  all,
  onClose,
  onSaved,
}: {
  geofence?: Geofence;
  all: readonly Geofence[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm();
  const { busy, other, send } = useRuleSave(form, formFields, onSaved);
  const city = me?.user.scope.kind === 'city';
  const kind = Form.useWatch('kind', form) as Geofence['kind'] | undefined;
  const initial = useMemo(
    () => ({
      ...toGeofenceValues(geofence),
      shape: geofence?.shape ?? ({ type: 'polygon', coordinates: [] } satisfies Shape),
    }),
    [geofence],
  );
  const context = useMemo(() => geofenceFeatures(all, geofence?.id), [all, geofence]);

  const save = async () => {
    const values = (await form.validateFields()) as GeofenceValues & { shape: Shape };
    const body = toGeofenceBody(values, values.shape, { city, version: geofence?.version });
    await send('/api/rules/geofences', geofence?.id, body);
  };

  return (
    <Modal
      open
      width={880}
      title={t(geofence ? 'geofence.edit' : 'geofence.create')}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'geofence-save' }}
      destroyOnHidden
    >
      <OtherErrors other={other} />
      <Form form={form} layout="vertical" initialValues={initial} data-testid="geofence-form">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 16 }}>
          <Form.Item
            name="kind"
            label={t('geofence.kind')}
            rules={[{ required: true, message: t('rules.required') }]}
          >
            <Select
              data-testid="geofence-kind"
              options={geofenceKinds.map((k) => ({ value: k, label: t(`geofence.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('geofence.name')}
            rules={[{ required: true, whitespace: true, message: t('rules.required') }]}
          >
            <Input maxLength={100} data-testid="geofence-name" />
          </Form.Item>
          {city ? (
            <DistrictItem />
          ) : (
            <Form.Item name="active" label={t('rules.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          {kind === 'speed_zone' && (
            <>
              <Form.Item name="postedLimitKmh" label={t('geofence.limit')}>
                <InputNumber
                  min={5}
                  max={120}
                  addonAfter="km/h"
                  style={{ width: '100%' }}
                  data-testid="geofence-limit"
                />
              </Form.Item>
              <Form.Item name="roadClass" label={t('geofence.roadClass')}>
                <Select
                  allowClear
                  options={(['expressway', 'other'] as const).map((r) => ({
                    value: r,
                    label: t(`geofence.road.${r}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="priority" label={t('geofence.priority')}>
                <InputNumber min={-1000} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {kind === 'restricted_zone' && (
            <Form.Item name="goodsClasses" label={t('rules.goodsClasses')} style={{ gridColumn: 'span 2' }}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('rules.allHazmat')}
                options={goodsClassOptions.map((c) => ({ value: c, label: goodsClassLabel(c, t) }))}
              />
            </Form.Item>
          )}
          {city && (
            <Form.Item name="active" label={t('rules.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </div>
        <Form.Item
          name="shape"
          label={t('geofence.shape')}
          required
          rules={[
            {
              validator: (_, s: Shape) => {
                const problems = shapeProblems(s);
                return problems.length
                  ? Promise.reject(new Error(problems.map((p) => t(shapeProblemKey(p))).join('; ')))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <ShapeControl context={context} />
        </Form.Item>
        <Form.Item name="remarks" label={t('rules.remarks')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
