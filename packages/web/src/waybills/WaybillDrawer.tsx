/**
 * One waybill: goods lines, parties, vehicle and crew, the last check results, the history, and
 * the actions its status allows (edit, submit, the carrier's steps, cancel with a reason), with
 * links to the printable emergency card and to track playback.
 */
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ApiError, withQuery } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { allowedPages } from '../app/routes.js';
import { useSession } from '../auth/Session.js';
import { zh, type MessageKey } from '../i18n/dict.js';
import { useI18n } from '../i18n/I18n.js';
import { CheckResults } from './CheckResults.js';
import { availableSteps, statusColours } from './present.js';
import type { Waybill, WaybillEvent } from './types.js';

const ACTIVE = ['checked', 'loading', 'in_transit'];
/** A dictionary entry for a value the server chose (a status, a role), or null for one the console does not know. */
const known = (key: string, t: (k: MessageKey) => string): string | null =>
  key in zh ? t(key as MessageKey) : null;
const fmt = (iso: string | null, lang: string) => (iso ? new Date(iso).toLocaleString(lang) : '—');

export function WaybillDrawer({
  id,
  onClose,
  onChanged,
  onEdit,
}: {
  id: string;
  onClose: () => void;
  onChanged: () => void;
  onEdit: (w: Waybill) => void;
}) {
  const { t, lang } = useI18n();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const detail = useApi<{ waybill: Waybill; events: WaybillEvent[] }>(`/api/waybills/${id}`);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const w = detail.data?.waybill;
  const writer = can('waybills:write');
  const playback = allowedPages(me?.permissions ?? []).find((p) => /track|playback/.test(p.path));

  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      const out = await api<Waybill>(`/api/waybills/${id}/${path}`, { method: 'POST', body });
      void message.success(t(`wb.status.${out.status}`));
      detail.reload();
      onChanged();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const actions = w && (
    <Space wrap>
      {writer && w.actions.includes('submit') && (
        <Button onClick={() => onEdit(w)} data-testid="wb-edit">
          {t('common.edit')}
        </Button>
      )}
      {writer && w.actions.includes('submit') && (
        <Button type="primary" loading={busy} onClick={() => void act('submit')} data-testid="wb-submit">
          {t('wb.submit')}
        </Button>
      )}
      {writer &&
        availableSteps(w.actions).map((s) => (
          <Popconfirm key={s} title={t(`wb.action.${s}`)} onConfirm={() => void act('steps', { action: s })}>
            <Button loading={busy} data-testid={`wb-step-${s}`}>
              {t(`wb.action.${s}`)}
            </Button>
          </Popconfirm>
        ))}
      {ACTIVE.includes(w.status) && can('emergency_cards:read') && (
        <Button
          href={withQuery('/api/emergency-cards/print', { waybill: w.number })}
          target="_blank"
          data-testid="wb-print-card"
        >
          {t('wb.printCard')}
        </Button>
      )}
      {playback && (
        <Button
          onClick={() =>
            navigate(
              // The track page reads vehicle, plate, from and to.
              withQuery(playback.path, {
                vehicle: w.vehicleId,
                plate: w.plate ?? undefined,
                from: w.departedAt ?? w.plannedDeparture,
                to: w.arrivedAt ?? new Date().toISOString(),
              }),
            )
          }
        >
          {t('wb.playback')}
        </Button>
      )}
      {writer && w.actions.includes('cancel') && (
        <Button danger onClick={() => setCancelling(true)} data-testid="wb-cancel">
          {t('wb.cancel')}
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open
      width={880}
      title={w ? t('wb.detailTitle', { number: w.number }) : t('common.loading')}
      onClose={onClose}
      loading={detail.loading && !w}
      extra={actions}
      data-testid="waybill-drawer"
    >
      {detail.error && (
        <Alert type="error" showIcon message={detail.error.message} data-testid="wb-load-error" />
      )}
      {w && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Tag color={statusColours[w.status]} data-testid="wb-status">
              {t(`wb.status.${w.status}`)}
            </Tag>
            {w.cancelReason && (
              <Typography.Text type="warning">
                {t('wb.cancelled', { reason: w.cancelReason })}
              </Typography.Text>
            )}
          </Space>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            {w.enterpriseName && (
              <Descriptions.Item label={t('wb.company')}>{w.enterpriseName}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('wb.consignor')}>
              {w.consignorName} {w.consignorPhone}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.consignee')}>
              {w.consigneeName} {w.consigneePhone}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.loader')}>
              {[w.loaderName, w.loaderPhone].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('wb.vehicle')}>{w.plate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wb.trailer')}>{w.trailerPlate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wb.tank')}>{w.tankId ? '✓' : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wb.origin')}>{w.originName}</Descriptions.Item>
            <Descriptions.Item label={t('wb.destination')}>{w.destinationName}</Descriptions.Item>
            <Descriptions.Item label={t('wb.departure')}>{fmt(w.plannedDeparture, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('wb.arrival')}>{fmt(w.plannedArrival, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('wb.permit')}>{w.publicSecurityPermitNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wb.remarks')}>{w.remarks ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('wb.lines')}</Typography.Title>
          <Table
            size="small"
            rowKey={(l) => String(l.lineNo)}
            pagination={false}
            dataSource={w.lines}
            style={{ marginBottom: 16 }}
            columns={[
              { key: 'un', title: t('wb.un'), render: (_: unknown, l) => `UN${l.unNumber}` },
              { key: 'name', title: t('wb.goodsName'), dataIndex: 'name' },
              { key: 'class', title: t('wb.class'), dataIndex: 'hazardClass' },
              { key: 'pg', title: t('wb.pg'), render: (_: unknown, l) => l.packingGroup ?? '—' },
              { key: 'packaging', title: t('wb.packaging'), dataIndex: 'packaging' },
              { key: 'q', title: t('wb.quantity'), render: (_: unknown, l) => `${l.quantity} ${l.unit}` },
            ]}
          />
          <Typography.Title level={5}>{t('wb.checks')}</Typography.Title>
          {w.checkResults ? (
            <CheckResults results={w.checkResults} />
          ) : (
            <Typography.Paragraph type="secondary">—</Typography.Paragraph>
          )}
          <Typography.Title level={5}>{t('wb.history')}</Typography.Title>
          <Timeline
            data-testid="wb-history"
            items={(detail.data?.events ?? []).map((e) => ({
              key: e.id,
              children: (
                <>
                  <Typography.Text strong>
                    {known(`wb.status.${e.toStatus}`, t) ?? e.toStatus}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {fmt(e.at, lang)}
                    {e.actorRole ? ` · ${known(`role.${e.actorRole}`, t) ?? e.actorRole}` : ''}
                  </Typography.Text>
                  {e.note && <div>{e.note}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={cancelling}
        title={t('wb.cancel')}
        onCancel={() => setCancelling(false)}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
        onOk={() =>
          void act('cancel', { reason: reason.trim() }).then(() => {
            setCancelling(false);
            setReason('');
          })
        }
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('wb.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="wb-cancel-reason"
        />
      </Modal>
    </Drawer>
  );
}
