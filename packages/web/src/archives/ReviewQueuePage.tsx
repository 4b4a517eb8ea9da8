/** 备案审核: records awaiting this level's review; opening one shows it with its review actions. */
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ReviewItem } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { enumLabel } from './enum-labels.js';
import { RecordDrawer } from './RecordDrawer.js';
import { useArchives } from './Specs.js';

export function ReviewQueuePage() {
  const { t, lang, label } = useI18n();
  const { specs } = useArchives();
  const queue = useApi<ReviewItem[]>('/api/archives/review-queue');
  const [open, setOpen] = useState<ReviewItem | null>(null);
  const specOf = (type: string) => specs.find((s) => s.type === type);
  const openSpec = open ? specOf(open.type) : undefined;

  return (
    <Card className="page-card" title={t('review.title')} data-testid="review-queue">
      {queue.error && <Alert type="error" showIcon message={queue.error.message} />}
      <Table
        rowKey={(r) => `${r.type}:${r.id}`}
        loading={queue.loading}
        dataSource={queue.data ?? []}
        locale={{ emptyText: <Empty description={t('review.empty')} /> }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          {
            title: t('review.type'),
            dataIndex: 'type',
            width: 140,
            render: (v: string) => {
              const s = specOf(v);
              return s ? label(s.label) : v;
            },
          },
          { title: t('review.name'), dataIndex: 'name' },
          {
            title: t('review.status'),
            dataIndex: 'filingStatus',
            width: 180,
            render: (v: string) => <Tag color="processing">{enumLabel('filingStatus', v, lang)}</Tag>,
          },
          {
            title: '',
            key: 'open',
            width: 100,
            render: (_: unknown, r: ReviewItem) => (
              <Button type="link" onClick={() => setOpen(r)}>
                {t('review.open')}
              </Button>
            ),
          },
        ]}
      />
      {openSpec && (
        <RecordDrawer
          spec={openSpec}
          id={open?.id ?? null}
          onClose={() => setOpen(null)}
          onChanged={queue.reload}
        />
      )}
    </Card>
  );
}
