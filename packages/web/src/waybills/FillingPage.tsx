/**
 * 充装查验 (filling operator): plate or waybill number → the waybill, its checks, the papers and
 * the verdict; then the weighbridge (gross, tare → net live) → loading allowed or refused with reasons.
 */
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { toFormErrors } from '../api/field-errors.js';
import type { Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { Findings } from './CheckResults.js';
import { netKg } from './present.js';
import { LookupBox, RecentCard, SubjectView, useLookup } from './Subject.js';
import type { FillingLookup, FillingRecord } from './types.js';

export function FillingPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const scope = me?.user.scope;
  const siteId = scope?.kind === 'filling_site' ? scope.placeId : null;
  const [result, setResult] = useState<FillingRecord | null>(null);
  const [form] = Form.useForm<{ grossKg?: number; tareKg?: number; note?: string }>();
  const { found, error, loading, lookup } = useLookup<FillingLookup>(
    siteId ? `/api/filling-sites/${siteId}/lookup` : null,
    () => {
      setResult(null);
      form.resetFields();
    },
  );
  const [busy, setBusy] = useState(false);
  const gross = Form.useWatch('grossKg', form);
  const tare = Form.useWatch('tareKg', form);
  const net = netKg(gross, tare);
  const recent = useApi<Page<FillingRecord>>(siteId ? `/api/filling-sites/${siteId}/weighings` : null, {
    pageSize: 10,
  });

  if (!siteId) return <Alert type="warning" showIcon message={t('menu.none')} />;

  const record = async () => {
    if (!found) return;
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      const out = await api<FillingRecord>(`/api/filling-sites/${siteId}/weighings`, {
        method: 'POST',
        body: {
          plate: found.plate,
          plateColour: found.plateColour,
          grossKg: v.grossKg,
          tareKg: v.tareKg,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
      setResult(out);
      void message.success(t('vf.recorded'));
      recent.reload();
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped = toFormErrors(e.details, ['grossKg', 'tareKg', 'note']);
        if (mapped.fields.length)
          form.setFields(mapped.fields.map((f) => ({ name: f.name as 'grossKg', errors: f.errors })));
        else void message.error(e.message);
      } else void message.error(String(e));
    } finally {
      setBusy(false);
    }
  };

  const v = found?.verdict;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="filling-page">
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          {found && (
            <Typography.Text type="secondary">{t('vf.site', { name: found.site.name })}</Typography.Text>
          )}
          <LookupBox loading={loading} onLookup={lookup} />
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Card>
      {found && v && (
        <>
          <Alert
            type={v.mayFill ? 'success' : 'error'}
            showIcon
            data-testid="filling-verdict"
            message={v.mayFill ? t('vf.mayFill') : t('vf.mayNotFill')}
            description={
              <>
                <Space>
                  {v.plannedKg != null && <span>{t('vf.plannedKg', { kg: v.plannedKg })}</span>}
                  {v.ratedLoadKg != null && <span>{t('vf.ratedLoad', { kg: v.ratedLoadKg })}</span>}
                </Space>
                {v.reasons.length > 0 && <Findings items={v.reasons} />}
              </>
            }
          />
          <SubjectView s={found} />
          <Card size="small" title={t('vf.weighbridge')}>
            <Form form={form} layout="inline" data-testid="weighbridge-form">
              <Form.Item name="grossKg" label={t('vf.gross')}>
                <InputNumber min={1} max={1_000_000} precision={0} data-testid="gross" />
              </Form.Item>
              <Form.Item name="tareKg" label={t('vf.tare')}>
                <InputNumber min={1} max={1_000_000} precision={0} data-testid="tare" />
              </Form.Item>
              <Form.Item name="note" label={t('vf.note')}>
                <Input maxLength={500} />
              </Form.Item>
              <Statistic
                title={t('vf.net')}
                value={net ?? '—'}
                suffix={net != null ? 'kg' : undefined}
                valueStyle={{ fontSize: 20 }}
                data-testid="net"
              />
              <Button
                type="primary"
                loading={busy}
                disabled={net == null}
                onClick={() => void record()}
                style={{ marginLeft: 16 }}
                data-testid="record-weighing"
              >
                {t('vf.record')}
              </Button>
            </Form>
            {result && (
              <Alert
                style={{ marginTop: 12 }}
                type={result.verdict === 'filled' ? 'success' : 'error'}
                showIcon
                data-testid="weighing-result"
                message={`${t(result.verdict === 'filled' ? 'vf.filled' : 'vf.refused')} · ${t('vf.net')} ${result.netKg} kg`}
                description={result.reasons.length ? <Findings items={result.reasons} /> : undefined}
              />
            )}
          </Card>
        </>
      )}
      <RecentCard<FillingRecord>
        loaded={recent}
        timeOf={(r) => r.recordedAt}
        columns={[
          { key: 'net', title: t('vf.net'), render: (_: unknown, r) => `${r.netKg} kg` },
          {
            key: 'verdict',
            title: t('vf.result'),
            render: (_: unknown, r) => (
              <Tag color={r.verdict === 'filled' ? 'green' : 'red'}>
                {t(r.verdict === 'filled' ? 'vf.filled' : 'vf.refused')}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
