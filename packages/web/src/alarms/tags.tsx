/** Severity and status tags, coloured the same everywhere. */
import { Tag } from 'antd';
import type { Alarm, AlarmSeverity } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';

export const severityColours: Record<AlarmSeverity, string> = {
  low: 'default',
  medium: 'gold',
  high: 'volcano',
  critical: 'red',
};

const statusColours: Record<string, string> = {
  pending: 'orange',
  processing: 'blue',
  returned: 'magenta',
  escalated: 'red',
  handled: 'cyan',
  closed: 'green',
};

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  const { t } = useI18n();
  return <Tag color={severityColours[severity]}>{t(`severity.${severity}`)}</Tag>;
}

export function StatusTag({ alarm }: { alarm: Pick<Alarm, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={statusColours[alarm.status]}>{t(`alarmStatus.${alarm.status}`)}</Tag>
      {alarm.overdue && <Tag color="red">{t('alarm.overdue')}</Tag>}
    </>
  );
}
