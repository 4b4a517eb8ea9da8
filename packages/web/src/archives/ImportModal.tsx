/** Import an xlsx or CSV file; a rejected file shows the server's row report (row, column, reason). */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { EntityView, ImportReport } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportModal({
  spec,
  onClose,
  onImported,
}: {
  spec: EntityView;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_rows'>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ ok: boolean; report: ImportReport } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX;
      const r = await api<ImportReport>(`/api/archives/${spec.path}/import`, {
        method: 'POST',
        query: { mode },
        raw: { data: await file.arrayBuffer(), type },
      });
      setReport({ ok: true, report: r });
      void message.success(t('archives.importDone', { rows: r.rows, imported: r.imported }));
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ARCHIVE_IMPORT_REJECTED')
        setReport({ ok: false, report: e.details as ImportReport });
      else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={t('archives.importTitle', { entity: label(spec.label) })}
      onCancel={onClose}
      onOk={() => void run()}
      okText={t('archives.importRun')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !file }}
      confirmLoading={busy}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('archives.importHint')}</Typography.Text>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : 'xlsx / CSV'}</p>
        </Upload.Dragger>
        <Space>
          {t('archives.importMode')}
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <Radio value="all_or_nothing">{t('archives.importAllOrNothing')}</Radio>
            <Radio value="valid_rows">{t('archives.importValidRows')}</Radio>
          </Radio.Group>
        </Space>
        {error && <Alert type="error" showIcon message={error} />}
        {report && (
          <Alert
            type={
              report.ok && report.report.problems.length === 0 ? 'success' : report.ok ? 'warning' : 'error'
            }
            showIcon
            message={
              report.ok
                ? t('archives.importDone', { rows: report.report.rows, imported: report.report.imported })
                : t('archives.importRejected')
            }
          />
        )}
        {report && report.report.problems.length > 0 && (
          <Table
            size="small"
            rowKey={(p) => `${p.row}:${p.column}:${p.reason}`}
            dataSource={report.report.problems}
            pagination={{ pageSize: 8 }}
            columns={[
              { title: t('archives.row'), dataIndex: 'row', width: 64 },
              { title: t('archives.column'), dataIndex: 'column', width: 160 },
              { title: t('archives.problem'), dataIndex: 'message' },
            ]}
            data-testid="import-report"
          />
        )}
      </Space>
    </Modal>
  );
}
