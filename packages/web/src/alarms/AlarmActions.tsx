/**
 * The workflow buttons for the user's level, for one alarm (detail drawer) or many (bulk bar).
 * Each opens a small form: the note (required as evidence of a false alarm or the reason of a
 * return) and, for "contacted driver", an optional text sent to the terminal (0x8300).
 */
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Alarm } from '../api/types.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { actionsFor, bulkActionsFor, levelOfScope, stepBody, type StepAction } from './actions.js';

export function AlarmActions({ alarms, onDone }: { alarms: readonly Alarm[]; onDone: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState<StepAction | null>(null);
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [noteError, setNoteError] = useState(false);
  if (!me) return null;
  const level = levelOfScope(me.user.scope);
  const steps =
    alarms.length === 1
      ? actionsFor(alarms[0]!, level, me.permissions)
      : bulkActionsFor(alarms, level, me.permissions);
  if (steps.length === 0) return null;

  const start = (s: StepAction) => {
    setNote('');
    setText('');
    setNoteError(false);
    setOpen(s);
  };
  const submit = async () => {
    if (!open) return;
    const b = stepBody(open, note, text);
    if (!b.ok) {
      setNoteError(true);
      return;
    }
    setBusy(true);
    try {
      if (alarms.length === 1) {
        await api(`/api/alarms/${alarms[0]!.id}/${open.path}`, { method: 'POST', body: b.body });
        message.success(t('alarm.done'));
      } else {
        const r = await api<{ results: { ok: boolean }[] }>(`/api/alarms/bulk/${open.path}`, {
          method: 'POST',
          body: { alarmIds: alarms.map((a) => a.id), ...b.body },
        });
        const ok = r.results.filter((x) => x.ok).length;
        message.info(t('alarm.bulkDone', { ok, failed: r.results.length - ok }));
      }
      setOpen(null);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap data-testid="alarm-actions">
        {steps.map((s) => (
          <Button
            key={`${s.path}-${s.kind}`}
            type={s.kind === 'correct' || s.kind === 'accept' || s.kind === 'resolve' ? 'primary' : 'default'}
            danger={s.kind === 'escalate'}
            onClick={() => start(s)}
            data-testid={`action-${s.kind}`}
          >
            {t(`alarmAction.${s.kind}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`alarmAction.${open.kind}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'action-submit' }}
        destroyOnClose
      >
        <Form layout="vertical">
          <Form.Item
            label={t('alarm.note')}
            required={open?.noteRequired}
            validateStatus={noteError ? 'error' : ''}
            help={noteError ? t('alarm.noteRequired') : undefined}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="action-note"
            />
          </Form.Item>
          {open?.allowsText && (
            <Form.Item label={t('alarm.textToTerminal')}>
              <Input
                maxLength={200}
                value={text}
                placeholder={t('alarm.textPlaceholder')}
                onChange={(e) => setText(e.target.value)}
                data-testid="action-text"
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
