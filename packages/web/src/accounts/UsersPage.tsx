/**
 * 用户管理: the accounts in the caller's scope (a company admin sees its own company's), with
 * create, change, disable, password reset (the temporary password shown once) and delete.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Role } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { formatTime, grantableRoles } from './forms.js';
import { OnceSecret, PagedTable, ScopeText, usePaging } from './parts.js';
import type { ListPage, UserRow } from './types.js';
import { UserForm } from './UserForm.js';

export function UsersPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role>();
  const paging = usePaging();
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);
  const list = useApi<ListPage<UserRow>>('/api/users', {
    q: search || undefined,
    role,
    ...paging.query,
  });
  const writer = can('users:write');
  const roles = grantableRoles(me!.user.role);

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const reset = (u: UserRow) =>
    act(async () => {
      const r = await api<{ temporaryPassword: string }>(`/api/users/${u.id}/password-reset`, {
        method: 'POST',
        body: {},
      });
      setTemporary({ name: u.displayName, password: r.temporaryPassword });
      list.reload();
    });
  const remove = (u: UserRow) =>
    act(async () => {
      await api(`/api/users/${u.id}`, { method: 'DELETE' });
      void message.success(t('acct.deleted'));
      list.reload();
    });

  const columns = [
    { key: 'username', title: t('acct.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('acct.displayName'), dataIndex: 'displayName', ellipsis: true },
    { key: 'role', title: t('acct.role'), render: (_: unknown, u: UserRow) => t(`role.${u.role}`) },
    {
      key: 'scope',
      title: t('acct.scope'),
      render: (_: unknown, u: UserRow) => <ScopeText scope={u.scope} />,
    },
    {
      key: 'status',
      title: t('acct.status'),
      render: (_: unknown, u: UserRow) => (
        <Space size={4} wrap>
          {u.disabled ? (
            <Tag color="red">{t('acct.disabled')}</Tag>
          ) : (
            <Tag color="green">{t('acct.enabled')}</Tag>
          )}
          {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
            <Tag color="orange">{t('acct.locked', { time: formatTime(u.lockedUntil, lang) })}</Tag>
          )}
          {u.mustChangePassword && <Tag color="gold">{t('acct.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'updatedAt',
      title: t('acct.updatedAt'),
      render: (_: unknown, u: UserRow) => formatTime(u.updatedAt, lang),
    },
    ...(writer
      ? [
          {
            key: 'actions',
            title: t('acct.actions'),
            render: (_: unknown, u: UserRow) => {
              const self = u.id === me!.user.id;
              return (
                <Space size={0} wrap>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing(u)}
                    data-testid={`user-edit-${u.username}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('acct.confirmReset', { name: u.displayName })}
                    okText={t('acct.resetPassword')}
                    okButtonProps={{ 'data-testid': 'confirm-ok' }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void reset(u)}
                  >
                    <Button size="small" type="link">
                      {t('acct.resetPassword')}
                    </Button>
                  </Popconfirm>
                  {!self && (
                    <Popconfirm
                      title={t('acct.confirmDelete', { name: u.displayName })}
                      okText={t('acct.delete')}
                      okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void remove(u)}
                    >
                      <Button size="small" type="link" danger>
                        {t('acct.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      data-testid="users-page"
      title={
        <Space wrap>
          <Input.Search
            allowClear
            size="small"
            style={{ width: 240 }}
            placeholder={t('acct.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => {
              setSearch(v.trim());
              paging.restart();
            }}
          />
          <Select
            allowClear
            size="small"
            style={{ width: 180 }}
            placeholder={t('acct.role')}
            value={role}
            onChange={(v) => {
              setRole(v);
              paging.restart();
            }}
            options={(roles.length ? roles : []).map((r) => ({ value: r, label: t(`role.${r}`) }))}
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
            data-testid="user-create"
          >
            {t('acct.create')}
          </Button>
        )
      }
    >
      <PagedTable list={list} paging={paging} columns={columns} testId="user-list" />
      {editing && (
        <UserForm
          user={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      <Modal
        open={temporary !== null}
        title={temporary ? t('acct.tempPassword', { name: temporary.name }) : ''}
        onCancel={() => setTemporary(null)}
        footer={
          <Button type="primary" onClick={() => setTemporary(null)} data-testid="temp-close">
            {t('acct.close')}
          </Button>
        }
        destroyOnHidden
      >
        {temporary && (
          <OnceSecret
            warning={t('acct.tempPasswordNote')}
            secret={temporary.password}
            testId="temp-password"
          />
        )}
      </Modal>
    </Card>
  );
}
