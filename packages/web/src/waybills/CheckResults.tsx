/** A waybill's check results (saved or live), grouped: failed, warnings, passed; each reason in the console language. */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, List, Typography } from 'antd';
import { useI18n } from '../i18n/I18n.js';
import { groupChecks, messageOf, type CheckGroup } from './present.js';
import type { CheckResult, Finding } from './types.js';

const icons: Record<CheckGroup, JSX.Element> = {
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#d48806' }} />,
  passed: <CheckCircleFilled style={{ color: '#389e0d' }} />,
};

export function CheckResults({ results, testId }: { results: readonly CheckResult[]; testId?: string }) {
  const { t, lang } = useI18n();
  const groups = groupChecks(results);
  const failed = results.filter((r) => !r.passed && r.severity !== 'warning').length;
  return (
    <div data-testid={testId ?? 'check-results'}>
      <Alert
        type={failed ? 'error' : 'success'}
        showIcon
        style={{ marginBottom: 8 }}
        message={failed ? t('wb.checksFailed', { n: failed }) : t('wb.checksPassed')}
      />
      {groups.map((g) => (
        <div key={g.group} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t(`wb.group.${g.group}`)}</Typography.Text>
          <List
            size="small"
            dataSource={g.items}
            renderItem={(r) => (
              <List.Item data-testid={`check-${r.code}`} data-passed={String(r.passed)}>
                <span style={{ marginRight: 8 }}>{icons[g.group]}</span>
                <span style={{ flex: 1 }}>{messageOf(r, lang)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </List.Item>
            )}
          />
        </div>
      ))}
    </div>
  );
}

/** Findings of a filling-site check or checkpoint verification (each a reason to refuse or flag). */
export function Findings({ items }: { items: readonly Finding[] }) {
  const { lang } = useI18n();
  return (
    <List
      size="small"
      dataSource={[...items]}
      data-testid="findings"
      renderItem={(f) => (
        <List.Item data-testid={`finding-${f.code}`}>
          <span style={{ marginRight: 8 }}>{icons.error}</span>
          <span style={{ flex: 1 }}>{messageOf(f, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.code}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
