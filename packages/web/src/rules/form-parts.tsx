/**
 * What the zone and ban-window forms and lists share: saving with the server's field errors put
 * on their fields, the list of other errors, the district select (city only), and the row's
 * edit / delete actions.
 */
import { Alert, App, Button, Form, Popconfirm, Select, Space, type FormInstance } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { serverFieldErrors, toFormErrors } from '../api/field-errors.js';
import { useArchives } from '../archives/Specs.js';
import { useI18n } from '../i18n/I18n.js';
import { CITY_WIDE } from './forms.js';

/** Sends a create (POST to `base`) or a change (PATCH to `base/id`); maps what the server refuses. */
export function useRuleSave(form: FormInstance, formFields: readonly string[], onSaved: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const send = async (base: string, id: string | undefined, body: Record<string, unknown>) => {
    setBusy(true);
    setOther([]);
    try {
      await api(id ? `${base}/${id}` : base, { method: id ? 'PATCH' : 'POST', body });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const mapped = toFormErrors(e.details, formFields);
        form.setFields(mapped.fields);
        setOther(mapped.other);
      } else if (e instanceof ApiError && e.code === 'CONFLICT') setOther([t('archives.staleVersion')]);
      else setOther([e instanceof Error ? e.message : String(e)]);
    } finally {
      setBusy(false);
    }
  };
  return { busy, other, send };
}

export function OtherErrors({ other }: { other: readonly string[] }) {
  if (other.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="rule-form-errors"
      message={other.map((o) => (
        <div key={o}>{o}</div>
      ))}
    />
  );
}

/** The city picks a district or city-wide; a county's rows are always its own (no field). */
export function DistrictItem() {
  const { t, lang } = useI18n();
  const { districts } = useArchives();
  return (
    <Form.Item name="districtCode" label={t('rules.district')}>
      <Select
        options={[
          { value: CITY_WIDE, label: t('rules.cityWide') },
          ...districts.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name })),
        ]}
      />
    </Form.Item>
  );
}

/** Edit and delete (with a confirmation) for a row; deletes through `DELETE path` (unless not `deletable`). */
export function RowActions({
  name,
  path,
  onEdit,
  onDeleted,
  testId,
  deletable = true,
}: {
  name: string;
  path: string;
  onEdit: () => void;
  onDeleted: () => void;
  testId?: string;
  deletable?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remove = async () => {
    try {
      await api(path, { method: 'DELETE' });
      void message.success(t('rules.deleted'));
      onDeleted();
    } catch (e) {
      // A refused delete says why (e.g. which layers a cleared threshold would break), else the code's message.
      const why = e instanceof ApiError ? serverFieldErrors(e.details).map((f) => f.message ?? f.reason) : [];
      void message.error(why.length > 0 ? why.join('；') : e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Space size={4} onClick={(e) => e.stopPropagation()}>
      <Button size="small" type="link" onClick={onEdit} data-testid={testId}>
        {t('common.edit')}
      </Button>
      {deletable && (
        <Popconfirm title={t('rules.confirmDelete', { name })} onConfirm={() => void remove()}>
          <Button size="small" type="link" danger>
            {t('rules.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
