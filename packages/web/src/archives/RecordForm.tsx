/** Create / edit form generated from the spec; the server's field errors land on their fields. */
import { Alert, App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { toFormErrors } from '../api/field-errors.js';
import type { ArchiveRecord, EntityView, FieldView, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { enumLabel } from './enum-labels.js';
import { editableFields, JsonFieldError, toBody, toFormValues } from './form-values.js';
import { PolygonField } from './PolygonField.js';
import { polygonTextProblems } from './polygon-text.js';
import { useArchives } from './Specs.js';

/** uuid fields that point at other archives, chosen by searching them. */
const references: Record<string, { path: string; labelKey: string }> = {
  enterpriseId: { path: 'enterprises', labelKey: 'name' },
  vehicleId: { path: 'vehicles', labelKey: 'plate' },
};

function ReferenceSelect({
  field,
  value,
  onChange,
  id,
}: {
  field: FieldView;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const ref = references[field.key]!;
  const [q, setQ] = useState('');
  const found = useApi<Page<ArchiveRecord>>(`/api/archives/${ref.path}`, { q: q || undefined, pageSize: 20 });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={found.loading}
      options={(found.data?.items ?? []).map((r) => ({
        value: r.id,
        label: String(r[ref.labelKey] ?? r.id),
      }))}
    />
  );
}

/** Props Form.Item injects into its child (value, onChange, id…), passed on to the real control. */
type Injected = Record<string, unknown>;

function Control({ field, recordId, ...injected }: { field: FieldView; recordId?: string } & Injected) {
  const { lang } = useI18n();
  const { districts } = useArchives();
  const p = injected as Record<string, never>;
  // A place's outline is drawn on the map.
  if (field.key === 'polygon' && field.type === 'json') return <PolygonField {...p} recordId={recordId} />;
  if (field.key === 'districtCode')
    return (
      <Select
        {...p}
        options={districts.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name }))}
      />
    );
  if (field.type === 'uuid' && references[field.key]) return <ReferenceSelect {...p} field={field} />;
  if (field.enum && field.type !== 'strings')
    return (
      <Select
        {...p}
        allowClear
        options={field.enum.map((v) => ({ value: v, label: enumLabel(field.key, v, lang) }))}
      />
    );
  switch (field.type) {
    case 'boolean':
      return <Switch {...p} />;
    case 'integer':
    case 'number':
      return <InputNumber {...p} style={{ width: '100%' }} min={field.min} max={field.max} />;
    case 'date':
      return <Input {...p} placeholder="YYYY-MM-DD" maxLength={10} />;
    case 'classes':
      return (
        <Select
          {...p}
          mode="multiple"
          options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => ({
            value: c,
            label: lang === 'en' ? `Class ${c}` : `第${c}类`,
          }))}
        />
      );
    case 'strings':
      return field.enum ? (
        <Select
          {...p}
          mode="multiple"
          options={field.enum.map((v) => ({ value: v, label: enumLabel(field.key, v, lang) }))}
        />
      ) : (
        <Select {...p} mode="tags" />
      );
    case 'json':
      return <Input.TextArea {...p} rows={3} style={{ fontFamily: 'monospace' }} />;
    default:
      return <Input {...p} maxLength={field.maxLength} />;
  }
}

export function RecordForm({
  spec,
  record,
  onClose,
  onSaved,
}: {
  spec: EntityView;
  record?: ArchiveRecord;
  onClose: () => void;
  onSaved: (r: ArchiveRecord) => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const { me } = useSession();
  // A company's records belong to it: the server fills in its enterprise, so the form does not ask.
  const ownCompany = me?.user.scope.kind === 'enterprise';
  const fields = useMemo(
    () =>
      editableFields(spec.fields, record !== undefined).filter(
        (f) => !(ownCompany && f.key === 'enterpriseId'),
      ),
    [spec, record, ownCompany],
  );
  const initial = useMemo(() => toFormValues(fields, record), [fields, record]);

  const polygonRule = (_: unknown, v: string | undefined) => {
    const problems = polygonTextProblems(v);
    return problems.length
      ? Promise.reject(new Error(problems.map((k) => t(k)).join('; ')))
      : Promise.resolve();
  };

  const save = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setOther([]);
    try {
      const body = toBody(fields, values, record);
      const res = await api<{ record: ArchiveRecord; warnings: { message: string }[] }>(
        record ? `/api/archives/${spec.path}/${record.id}` : `/api/archives/${spec.path}`,
        { method: record ? 'PATCH' : 'POST', body },
      );
      for (const w of res.warnings) void message.warning(w.message);
      void message.success(t('common.saved'));
      onSaved(res.record);
    } catch (e) {
      if (e instanceof JsonFieldError) {
        form.setFields([{ name: e.field, errors: ['JSON'] }]);
      } else if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const mapped = toFormErrors(
          e.details,
          fields.map((f) => f.key),
        );
        form.setFields(mapped.fields);
        setOther(mapped.other);
      } else if (e instanceof ApiError && e.code === 'ARCHIVE_STALE_VERSION') {
        setOther([t('archives.staleVersion')]);
      } else {
        setOther([e instanceof ApiError ? e.message : String(e)]);
      }
    } finally {
      setBusy(false);
    }
  };

  const entity = label(spec.label);
  return (
    <Modal
      open
      width={760}
      title={t(record ? 'archives.editTitle' : 'archives.createTitle', { entity })}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {other.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={other.map((o) => (
            <div key={o}>{o}</div>
          ))}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        style={{ maxHeight: '60vh', overflow: 'auto', paddingRight: 8 }}
        data-testid="record-form"
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {fields.map((f) => (
            <Form.Item
              key={f.key}
              name={f.key}
              label={label(f.label)}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
              // Marked, not checked here: the server judges every field and its messages land below each one.
              // A drawn outline is the exception: its geometry is checked as it is drawn.
              required={f.required && !record}
              style={f.key === 'polygon' ? { gridColumn: '1 / -1' } : undefined}
              rules={f.key === 'polygon' ? [{ validator: polygonRule }] : undefined}
            >
              <Control field={f} recordId={record?.id} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
