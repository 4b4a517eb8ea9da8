/** The city issues a supervision order (督办) about an alarm to its county or its company. */
import { App, Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Alarm } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';

export function OrderForm({ alarm, onDone }: { alarm: Alarm; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ target: 'county' | 'company'; content: string; deadline: Dayjs }>();
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="order-open">
        {t('alarm.orderIssue')}
      </Button>
    );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api('/api/supervision-orders', {
        method: 'POST',
        body: {
          target: v.target,
          alarmId: alarm.id,
          ...(v.target === 'company'
            ? { enterpriseId: alarm.enterpriseId }
            : { districtCode: alarm.districtCode }),
          content: v.content,
          deadlineAt: v.deadline.toISOString(),
        },
      });
      message.success(t('alarm.done'));
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ target: 'county', deadline: dayjs().add(1, 'day') }}
      data-testid="order-form"
    >
      <Form.Item name="target" label={t('alarm.orderTarget')}>
        <Radio.Group>
          <Radio value="county">{t('alarm.orderCounty')}</Radio>
          <Radio value="company">{t('alarm.orderCompany')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="content" label={t('alarm.orderContent')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="deadline" label={t('alarm.orderDeadline')} rules={[{ required: true }]}>
        <DatePicker showTime />
      </Form.Item>
      <Space>
        <Button type="primary" loading={busy} onClick={() => void submit()}>
          {t('alarm.orderIssue')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
