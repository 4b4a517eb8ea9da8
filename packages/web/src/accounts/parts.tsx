/**
 * What the account pages share: a search-as-you-type select of companies or places (ids from the
 * archives, never typed), the scope of a row in words, and the one-time secret box.
 */
import {
  Alert,
  Modal,
  Select,
  Table,
  Typography,
  type FormInstance,
  type ModalProps,
  type TableProps,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Page, Scope } from '../api/types.js';
import { useApi, type Loaded } from '../api/use-api.js';
import { scopeLabel } from '../app/scope-label.js';
import { useArchives } from '../archives/Specs.js';
import { useI18n } from '../i18n/I18n.js';
import { OtherErrors } from '../rules/form-parts.js';
import { refusalOnForm } from './forms.js';
import type { ListPage } from './types.js';

type Named = { id: string; name: string };

/** The archive list a scope kind's id comes from (places filtered by their kind). */
function source(kind: 'enterprise' | 'filling_site' | 'checkpoint') {
  return kind === 'enterprise'
    ? { path: '/api/archives/enterprises', query: {} }
    : { path: '/api/archives/places', query: { kind } };
}

/** Picks a company, filling site or checkpoint by name; the value is its archive id. */
export function ArchivePicker({
  kind,
  value,
  onChange,
  testId,
}: {
  kind: 'enterprise' | 'filling_site' | 'checkpoint';
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { path, query } = source(kind);
  const list = useApi<Page<Named>>(path, { ...query, q: q || undefined, pageSize: 50 });
  const current = useApi<Named>(value ? `${path}/${value}` : null);
  const options = (list.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (value && current.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.data.name });
  return (
    <>
      <Select
        showSearch
        value={value}
        onChange={onChange}
        onSearch={setQ}
        filterOption={false}
        loading={list.loading}
        placeholder={t('acct.pick')}
        options={options}
        data-testid={testId}
      />
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
    </>
  );
}

/** Names of companies and places by id, fetched once per page view. */
const names = new Map<string, Promise<string | null>>();

function nameOf(scope: Scope): Promise<string | null> | null {
  if (scope.kind === 'city' || scope.kind === 'district') return null;
  const path =
    scope.kind === 'enterprise'
      ? `/api/archives/enterprises/${scope.enterpriseId}`
      : `/api/archives/places/${scope.placeId}`;
  let p = names.get(path);
  if (!p) {
    p = api<Named>(path).then(
      (r) => r.name,
      (e: unknown) => {
        names.delete(path);
        return e instanceof ApiError && e.status === 404 ? null : Promise.reject(e as Error);
      },
    );
    names.set(path, p);
  }
  return p;
}

/** A row's scope in words: 全市 / 县区：… / 企业：… (the id when the archive is not readable). */
export function ScopeText({ scope }: { scope: Scope }) {
  const { lang } = useI18n();
  const { districts } = useArchives();
  const [name, setName] = useState<string>();
  useEffect(() => {
    let live = true;
    const p = nameOf(scope);
    setName(undefined);
    if (p)
      p.then(
        (n) => live && setName(n ?? idOf(scope)),
        () => live && setName(idOf(scope)),
      );
    return () => {
      live = false;
    };
  }, [scope]);
  return <span>{scopeLabel(scope, lang, districts, name)}</span>;
}

function idOf(scope: Scope): string {
  return scope.kind === 'enterprise' ? scope.enterpriseId : 'placeId' in scope ? scope.placeId : '';
}

/** A secret shown once: monospace, copyable, with its warning above. */
export function OnceSecret({ warning, secret, testId }: { warning: string; secret: string; testId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Alert type="warning" showIcon message={warning} style={{ marginBottom: 12 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret, tooltips: [t('key.copy'), t('acct.copied')] }}
        style={{ fontSize: 15, wordBreak: 'break-all' }}
      >
        <span data-testid={testId}>{secret}</span>
      </Typography.Paragraph>
    </>
  );
}

/**
 * Runs a form's request: busy while it runs; what the server refuses goes on the form's fields
 * (see refusalOnForm) or into `other`, shown above the form by AccountModal.
 */
export function useAccountSave(form: FormInstance, formFields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const run = async (call: () => Promise<void>, rename?: (field: string) => string) => {
    setOther([]);
    setBusy(true);
    try {
      await call();
    } catch (e) {
      const refused =
        e instanceof ApiError
          ? refusalOnForm(e, formFields, rename)
          : { fields: [], other: [e instanceof Error ? e.message : String(e)] };
      form.setFields(refused.fields);
      setOther(refused.other);
    } finally {
      setBusy(false);
    }
  };
  return { busy, other, run };
}

/** The account forms' dialog: save and cancel, what the server refused above the form. */
export function AccountModal({
  title,
  busy,
  other,
  onSave,
  onClose,
  saveTestId,
  children,
}: {
  title: string;
  busy: boolean;
  other: readonly string[];
  onSave: () => Promise<void>;
  onClose: () => void;
  saveTestId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const ok: ModalProps['okButtonProps'] = { 'data-testid': saveTestId } as ModalProps['okButtonProps'];
  return (
    <Modal
      open
      width={560}
      title={title}
      onCancel={onClose}
      onOk={() => void onSave().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={ok}
      destroyOnHidden
    >
      <OtherErrors other={other} />
      {children}
    </Modal>
  );
}

/** Server-side paging for the account lists: the API's limit/offset and the table's pagination. */
export function usePaging() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  return {
    query: { limit: pageSize, offset: (page - 1) * pageSize },
    /** Back to the first page (the filters changed). */
    restart: () => setPage(1),
    pagination: (total: number | undefined) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [20, 50, 100],
      showTotal: (n: number) => t('common.total', { n }),
      onChange: (p: number, s: number) => {
        setPage(p);
        setPageSize(s);
      },
    }),
  };
}

/** An account list: the API's error above, the rows, server-side paging. */
export function PagedTable<T extends { id: string }>({
  list,
  paging,
  testId,
  ...rest
}: {
  list: Loaded<ListPage<T>>;
  paging: ReturnType<typeof usePaging>;
  testId: string;
} & Pick<TableProps<T>, 'columns' | 'expandable'>) {
  return (
    <>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 8 }} />}
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total)}
        data-testid={testId}
        {...rest}
      />
    </>
  );
}
