/**
 * Create an API key: name, scope (a company admin's own company, fixed), the machine permissions
 * that scope can use, the last valid day. On success the parent shows the key once.
 */
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { permissionsFor, toApiKeyBody, type ApiKeyFormValues } from './forms.js';
import { AccountModal, ArchivePicker, ScopeText, useAccountSave } from './parts.js';
import type { ApiKeyCreated, MachineScope } from './types.js';

const formFields = ['name', 'scope', 'permissions', 'expiresAt'];

type Values = Omit<ApiKeyFormValues, 'expiresOn'> & { expiresOn?: Dayjs };

export function ApiKeyForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (k: ApiKeyCreated) => void;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm();
  const { busy, other, run } = useAccountSave(form, formFields);
  const caller = me!.user;
  const companyCaller = caller.scope.kind === 'enterprise';
  const watched = Form.useWatch('scopeKind', form) as MachineScope['kind'] | undefined;
  const scopeKind: MachineScope['kind'] = companyCaller ? 'enterprise' : (watched ?? 'enterprise');
  const allowed = permissionsFor(scopeKind);

  const save = async () => {
    const values = (await form.validateFields()) as Values;
    const body = toApiKeyBody({ ...values, expiresOn: values.expiresOn?.format('YYYY-MM-DD') }, caller);
    const scopeHolder = scopeKind === 'enterprise' ? 'enterpriseId' : 'placeId';
    return run(
      async () => onCreated(await api<ApiKeyCreated>('/api/api-keys', { method: 'POST', body })),
      (f) => (f === 'expiresAt' ? 'expiresOn' : f === 'scope' ? scopeHolder : f),
    );
  };

  const required = [{ required: true, message: t('acct.required') }];
  return (
    <AccountModal
      title={t('key.create')}
      busy={busy}
      other={other}
      onSave={save}
      onClose={onClose}
      saveTestId="key-save"
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="key-form"
        initialValues={{
          scopeKind: 'enterprise',
          permissions: permissionsFor('enterprise'),
          expiresOn: dayjs().add(1, 'year'),
        }}
        onValuesChange={(changed: Values) => {
          if (changed.scopeKind) form.setFieldsValue({ permissions: permissionsFor(changed.scopeKind) });
        }}
      >
        <Form.Item
          name="name"
          label={t('key.name')}
          rules={[{ required: true, whitespace: true, message: t('acct.required') }]}
        >
          <Input maxLength={100} data-testid="key-name" />
        </Form.Item>
        {companyCaller ? (
          <Form.Item label={t('key.scope')}>
            <span data-testid="key-own-company">
              {t('key.kind.enterprise')} · <ScopeText scope={caller.scope} />
            </span>
          </Form.Item>
        ) : (
          <>
            <Form.Item name="scopeKind" label={t('key.scopeKind')}>
              <Radio.Group
                options={(['enterprise', 'checkpoint'] as const).map((k) => ({
                  value: k,
                  label: t(`key.kind.${k}`),
                }))}
              />
            </Form.Item>
            {scopeKind === 'enterprise' ? (
              <Form.Item name="enterpriseId" label={t('acct.enterprise')} rules={required}>
                <ArchivePicker kind="enterprise" testId="key-enterprise" />
              </Form.Item>
            ) : (
              <Form.Item name="placeId" label={t('acct.checkpoint')} rules={required}>
                <ArchivePicker kind="checkpoint" testId="key-checkpoint" />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="permissions" label={t('key.permissions')} rules={required}>
          <Select
            mode="multiple"
            data-testid="key-permissions"
            options={allowed.map((p) => ({ value: p, label: permissionLabel(p, t) }))}
          />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('key.expiresOn')} rules={required}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="key-expires"
          />
        </Form.Item>
      </Form>
    </AccountModal>
  );
}

/** A machine permission in words, long or short (the code itself for one the console does not know). */
export function permissionLabel(p: string, t: ReturnType<typeof useI18n>['t'], short = false): string {
  if (p !== 'ingest:positions' && p !== 'ingest:checkpoint_passes') return p;
  return short ? t(`key.short.${p}`) : t(`key.perm.${p}`);
}
