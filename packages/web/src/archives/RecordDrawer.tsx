/** A record's details, its filing history and the filing actions the user's level may take. */
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { ArchiveRecord, EntityView, FilingEvent } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import type { MessageKey } from '../i18n/dict.js';
import { useI18n } from '../i18n/I18n.js';
import { enumLabel } from './enum-labels.js';
import { filingActions, levelOfScope, needsReason, type FilingAction } from './filing-actions.js';
import { formatValue } from './present.js';
import { RecordForm } from './RecordForm.js';
import { useArchives } from './Specs.js';

const actionLabel: Record<FilingAction, MessageKey> = {
  submit: 'archives.submit',
  county_approve: 'archives.countyApprove',
  approve: 'archives.approve',
  reject: 'archives.reject',
  reopen: 'archives.reopen',
};

export function RecordDrawer({
  spec,
  id,
  onClose,
  onChanged,
}: {
  spec: EntityView;
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, lang, label } = useI18n();
  const { me, can } = useSession();
  const { districts } = useArchives();
  const { message } = App.useApp();
  const base = id ? `/api/archives/${spec.path}/${id}` : null;
  const record = useApi<ArchiveRecord>(base);
  const history = useApi<FilingEvent[]>(base ? `${base}/filing-history` : null);
  const [acting, setActing] = useState<FilingAction | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);

  const r = record.data;
  const actions =
    r && me ? filingActions(spec.type, r.filingStatus, levelOfScope(me.user.scope), me.permissions) : [];

  const run = async (action: FilingAction) => {
    if (!base) return;
    if (needsReason(action) && reason.trim().length < 2) {
      void message.error(t('archives.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      const path = action === 'submit' ? 'submit' : 'review';
      await api(`${base}/${path}`, {
        method: 'POST',
        body: needsReason(action) ? { action, reason: reason.trim() } : { action },
      });
      void message.success(t('archives.done'));
      setActing(null);
      setReason('');
      record.reload();
      history.reload();
      onChanged();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={720}
      title={r ? String(r.name ?? r.plate ?? r.phone ?? label(spec.label)) : label(spec.label)}
      extra={
        r && (
          <Space>
            {can('archives:write') && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'reject' || a === 'reopen' ? 'default' : 'primary'}
                danger={a === 'reject'}
                loading={busy && acting === a}
                data-testid={`filing-${a}`}
                onClick={() => (needsReason(a) ? setActing(a) : void run(a))}
              >
                {t(actionLabel[a])}
              </Button>
            ))}
          </Space>
        )
      }
      data-testid="record-drawer"
    >
      {record.error && <Alert type="error" showIcon message={record.error.message} />}
      {!r && !record.error && <Spin />}
      {r && (
        <>
          <Descriptions size="small" column={2} bordered title={t('archives.fields')}>
            {spec.fields
              .filter((f) => f.key !== 'id' && f.key !== 'version' && f.type !== 'json')
              .map((f) => (
                <Descriptions.Item key={f.key} label={label(f.label)}>
                  {f.key === 'filingStatus'
                    ? enumLabel('filingStatus', String(r[f.key]), lang)
                    : formatValue(f, r[f.key], lang, districts)}
                </Descriptions.Item>
              ))}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('archives.history')}
          </Typography.Title>
          {history.data && history.data.length === 0 && (
            <Typography.Text type="secondary">{t('archives.noHistory')}</Typography.Text>
          )}
          <Timeline
            items={(history.data ?? []).map((h) => ({
              color: h.toStatus === 'rejected' ? 'red' : h.toStatus === 'filed' ? 'green' : 'blue',
              children: (
                <>
                  <div>
                    {new Date(h.at).toLocaleString(lang)} · {enumLabel('filingStatus', h.fromStatus, lang)} →{' '}
                    {enumLabel('filingStatus', h.toStatus, lang)}
                    {h.actorRole ? ` · ${t(`role.${h.actorRole}` as MessageKey)}` : ''}
                  </div>
                  {h.reason && <Typography.Text type="secondary">{h.reason}</Typography.Text>}
                </>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={acting !== null}
        title={acting ? t(actionLabel[acting]) : ''}
        onCancel={() => setActing(null)}
        onOk={() => acting && void run(acting)}
        okText={acting ? t(actionLabel[acting]) : ''}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('archives.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Modal>
      {editing && r && (
        <RecordForm
          spec={spec}
          record={r}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            record.reload();
            history.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
