/**
 * 登记点查验 (checkpoint officer): plate or waybill number → the verdict and papers; a manual pass
 * or flag with a note; the checkpoint's recent passes.
 */
import { Alert, App, Button, Card, Checkbox, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { Findings } from './CheckResults.js';
import { LookupBox, RecentCard, SubjectView, useLookup } from './Subject.js';
import type { CheckpointLookup, CheckpointPass } from './types.js';

const FLAGS = ['unfiled_vehicle', 'no_waybill', 'expired_certificate', 'goods_mismatch'] as const;

export function CheckpointPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const scope = me?.user.scope;
  const checkpointId = scope?.kind === 'checkpoint' ? scope.placeId : null;
  const [flags, setFlags] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { found, error, loading, lookup } = useLookup<CheckpointLookup>(
    checkpointId ? `/api/checkpoints/${checkpointId}/lookup` : null,
    (r) => {
      // The flags the papers suggest, for the officer to confirm or change.
      setFlags(FLAGS.filter((f) => r.verdict.flags.some((x) => x.code.includes(f))));
      setNote('');
    },
  );
  const recent = useApi<Page<CheckpointPass>>(
    checkpointId ? `/api/checkpoints/${checkpointId}/passes` : null,
    {
      pageSize: 10,
    },
  );

  if (!checkpointId) return <Alert type="warning" showIcon message={t('menu.none')} />;

  const manual = async (result: 'passed' | 'flagged') => {
    if (!found) return;
    setBusy(true);
    try {
      await api(`/api/checkpoints/${checkpointId}/manual-passes`, {
        method: 'POST',
        body: {
          plate: found.plate,
          plateColour: found.plateColour,
          result,
          ...(result === 'flagged' ? { flags } : {}),
          note: note.trim(),
        },
      });
      void message.success(t('vf.recorded'));
      recent.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const noteOk = note.trim().length >= 2;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="checkpoint-page">
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          {found && (
            <Typography.Text type="secondary">
              {t('vf.checkpoint', { name: found.checkpoint.name })}
            </Typography.Text>
          )}
          <LookupBox loading={loading} onLookup={lookup} />
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Card>
      {found && (
        <>
          <Alert
            type={found.verdict.result === 'passed' ? 'success' : 'error'}
            showIcon
            data-testid="checkpoint-verdict"
            message={t(found.verdict.result === 'passed' ? 'vf.passed' : 'vf.flagged')}
            description={found.verdict.flags.length ? <Findings items={found.verdict.flags} /> : undefined}
          />
          <SubjectView s={found} />
          <Card size="small" title={t('vf.manual')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Checkbox.Group
                value={flags}
                onChange={(v) => setFlags(v as string[])}
                options={FLAGS.map((f) => ({ value: f, label: t(`vf.flag.${f}`) }))}
              />
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder={t('vf.noteRequired')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="checkpoint-note"
              />
              <Space>
                <Button
                  type="primary"
                  disabled={!noteOk}
                  loading={busy}
                  onClick={() => void manual('passed')}
                >
                  {t('vf.pass')}
                </Button>
                <Button
                  danger
                  disabled={!noteOk || flags.length === 0}
                  loading={busy}
                  onClick={() => void manual('flagged')}
                >
                  {t('vf.flag')}
                </Button>
              </Space>
            </Space>
          </Card>
        </>
      )}
      <RecentCard<CheckpointPass>
        loaded={recent}
        timeOf={(r) => r.passedAt}
        columns={[
          { key: 'source', title: t('vf.source'), dataIndex: 'source' },
          {
            key: 'result',
            title: t('vf.result'),
            render: (_: unknown, r) => (
              <Tag color={r.result === 'passed' ? 'green' : 'red'}>
                {t(r.result === 'passed' ? 'vf.passed' : 'vf.flagged')}
              </Tag>
            ),
          },
          { key: 'note', title: t('vf.note'), render: (_: unknown, r) => r.note ?? '' },
        ]}
      />
    </Space>
  );
}
