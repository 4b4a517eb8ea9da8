/**
 * API 密钥: the machine clients' keys in the caller's scope (a company admin: its own company's);
 * create one (its full key shown once, with an example of posting positions), revoke one.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { ApiKeyForm, permissionLabel } from './ApiKeyForm.js';
import { formatTime, ingestExample, keyState, type KeyState } from './forms.js';
import { OnceSecret, PagedTable, ScopeText, usePaging } from './parts.js';
import type { ApiKeyCreated, ApiKeyRow, ListPage } from './types.js';

const stateColour: Record<KeyState, string> = { active: 'green', revoked: 'red', expired: 'default' };

export function ApiKeysPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const list = useApi<ListPage<ApiKeyRow>>('/api/api-keys', {
    ...paging.query,
  });
  const writer = can('api_keys:write');
  const now = new Date();

  const revoke = async (k: ApiKeyRow) => {
    try {
      await api(`/api/api-keys/${k.id}/revoke`, { method: 'POST', body: {} });
      void message.success(t('key.revoked'));
      list.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const columns = [
    { key: 'name', title: t('key.name'), dataIndex: 'name', ellipsis: true },
    {
      key: 'scope',
      title: t('key.scope'),
      render: (_: unknown, k: ApiKeyRow) => <ScopeText scope={k.scope} />,
    },
    {
      key: 'permissions',
      title: t('key.permissions'),
      render: (_: unknown, k: ApiKeyRow) => (
        <Space size={4} wrap>
          {k.permissions.map((p) => (
            <Tag key={p} title={`${permissionLabel(p, t)} (${p})`}>
              {permissionLabel(p, t, true)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('key.state'),
      render: (_: unknown, k: ApiKeyRow) => {
        const s = keyState(k, now);
        return (
          <Tag
            color={stateColour[s]}
            title={s === 'revoked' ? formatTime(k.revokedAt, lang) : undefined}
            data-testid={`key-state-${k.name}`}
          >
            {t(`key.state.${s}`)}
          </Tag>
        );
      },
    },
    {
      key: 'expiresAt',
      title: t('key.expiresAt'),
      render: (_: unknown, k: ApiKeyRow) => formatTime(k.expiresAt, lang),
    },
    {
      key: 'lastUsedAt',
      title: t('key.lastUsed'),
      render: (_: unknown, k: ApiKeyRow) => (k.lastUsedAt ? formatTime(k.lastUsedAt, lang) : t('key.never')),
    },
    {
      key: 'createdAt',
      title: t('key.createdAt'),
      render: (_: unknown, k: ApiKeyRow) => formatTime(k.createdAt, lang),
    },
    ...(writer
      ? [
          {
            key: 'actions',
            title: t('acct.actions'),
            render: (_: unknown, k: ApiKeyRow) =>
              keyState(k, now) === 'revoked' ? null : (
                <Popconfirm
                  title={t('key.confirmRevoke', { name: k.name })}
                  okText={t('key.revoke')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void revoke(k)}
                >
                  <Button size="small" type="link" danger data-testid={`key-revoke-${k.name}`}>
                    {t('key.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      data-testid="api-keys-page"
      title={<Typography.Text type="secondary">{t('key.intro')}</Typography.Text>}
      extra={
        writer && (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="key-create"
          >
            {t('key.create')}
          </Button>
        )
      }
    >
      <PagedTable list={list} paging={paging} columns={columns} testId="key-list" />
      {creating && (
        <ApiKeyForm
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
            list.reload();
          }}
        />
      )}
      <KeyCreatedModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}

/** The new key, once: copy it now; how a company platform posts positions with it. */
function KeyCreatedModal({ created, onClose }: { created: ApiKeyCreated | null; onClose: () => void }) {
  const { t } = useI18n();
  const positions = created?.apiKey.permissions.includes('ingest:positions') ?? false;
  // A device time a minute ago, China time, as a platform would send it.
  const deviceTime = new Date(Date.now() + 8 * 3600_000 - 60_000).toISOString().slice(0, 19) + '+08:00';
  return (
    <Modal
      open={created !== null}
      width={720}
      title={t('key.created')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="key-done">
          {t('key.saved')}
        </Button>
      }
      destroyOnHidden
    >
      {created && (
        <div data-testid="key-created">
          <OnceSecret warning={t('key.secretOnce')} secret={created.credential} testId="key-secret" />
          {positions && (
            <>
              <Typography.Paragraph>{t('key.example')}</Typography.Paragraph>
              <Typography.Paragraph
                copyable={{ text: ingestExample(window.location.origin, created.credential, deviceTime) }}
              >
                <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: 0 }}>
                  {ingestExample(window.location.origin, created.credential, deviceTime)}
                </pre>
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('key.exampleNote', { max: 1000 })}</Typography.Text>
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
