/** Create or change an account: the role decides which scope field shows; server field errors on their fields. */
import { App, Form, Input, Select, Switch } from 'antd';
import { useMemo, useRef } from 'react';
import { api } from '../api/client.js';
import type { Role } from '../api/types.js';
import { useArchives } from '../archives/Specs.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import {
  grantableRoles,
  roleScopeKind,
  scopeField,
  toUserCreateBody,
  toUserPatchBody,
  toUserValues,
  type UserFormValues,
} from './forms.js';
import { AccountModal, ArchivePicker, ScopeText, useAccountSave } from './parts.js';
import type { UserRow } from './types.js';

const formFields = ['username', 'displayName', 'password', 'role', 'scope', 'disabled'];

/** Server errors on `scope` belong to whichever scope field the role shows (the role for the city). */
const rename =
  (role: Role | undefined) =>
  (field: string): string =>
    field === 'scope' ? ((role && scopeField(roleScopeKind[role])) ?? 'role') : field;

export function UserForm({
  user,
  onClose,
  onSaved,
}: {
  user?: UserRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const { districts } = useArchives();
  const [form] = Form.useForm();
  const { busy, other, run } = useAccountSave(form, formFields);
  const caller = me!.user;
  const roles = grantableRoles(caller.role);
  const role = (Form.useWatch('role', form) as Role | undefined) ?? user?.role;
  const kind = role ? roleScopeKind[role] : undefined;
  const companyCaller = caller.scope.kind === 'enterprise';
  const self = user?.id === caller.id;
  const initial = useMemo<UserFormValues>(
    () =>
      user
        ? toUserValues(user)
        : { role: roles.includes('enterprise_monitor') ? 'enterprise_monitor' : undefined },
    [user, roles],
  );
  // A new scope kind starts empty (a filling site is no checkpoint).
  const lastKind = useRef(kind);
  const onValuesChange = (changed: UserFormValues) => {
    if (!changed.role) return;
    const next = roleScopeKind[changed.role];
    if (next !== lastKind.current)
      form.setFieldsValue({ districtCode: undefined, enterpriseId: undefined, placeId: undefined });
    lastKind.current = next;
  };
  const required = [{ required: true, message: t('acct.required') }];

  const save = async () => {
    const values = (await form.validateFields()) as UserFormValues;
    if (!user) {
      const body = toUserCreateBody(values, caller);
      return run(async () => {
        await api('/api/users', { method: 'POST', body });
        void message.success(t('common.saved'));
        onSaved();
      }, rename(values.role));
    }
    const patch = toUserPatchBody(values, user, caller);
    if (!patch) {
      void message.info(t('acct.noChange'));
      return onClose();
    }
    return run(async () => {
      await api(`/api/users/${user.id}`, { method: 'PATCH', body: patch });
      void message.success(t('common.saved'));
      onSaved();
    }, rename(values.role));
  };

  return (
    <AccountModal
      title={t(user ? 'acct.edit' : 'acct.create')}
      busy={busy}
      other={other}
      onSave={save}
      onClose={onClose}
      saveTestId="user-save"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={onValuesChange}
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('acct.username')}
          rules={[
            ...required,
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, message: t('acct.usernameRule') },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('acct.displayName')}
          rules={[{ required: true, whitespace: true, message: t('acct.required') }]}
        >
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('acct.password')}
            extra={t('acct.passwordHint')}
            rules={required}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('acct.role')} rules={required}>
          <Select
            disabled={self}
            showSearch
            optionFilterProp="label"
            data-testid="user-role"
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        {kind === 'district' && (
          <Form.Item name="districtCode" label={t('acct.district')} rules={required}>
            <Select
              disabled={self}
              options={districts.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name }))}
            />
          </Form.Item>
        )}
        {kind === 'enterprise' && !companyCaller && (
          <Form.Item name="enterpriseId" label={t('acct.enterprise')} rules={required}>
            <ArchivePicker kind="enterprise" testId="user-enterprise" />
          </Form.Item>
        )}
        {kind === 'enterprise' && companyCaller && (
          <Form.Item label={t('acct.enterprise')}>
            <ScopeText scope={caller.scope} />
          </Form.Item>
        )}
        {(kind === 'filling_site' || kind === 'checkpoint') && (
          <Form.Item
            name="placeId"
            label={t(kind === 'filling_site' ? 'acct.fillingSite' : 'acct.checkpoint')}
            rules={required}
          >
            <ArchivePicker key={kind} kind={kind} testId="user-place" />
          </Form.Item>
        )}
        {user && (
          <Form.Item name="disabled" label={t('acct.disableSwitch')} valuePropName="checked">
            <Switch disabled={self} data-testid="user-disabled" />
          </Form.Item>
        )}
      </Form>
    </AccountModal>
  );
}
