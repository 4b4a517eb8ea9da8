/**
 * What the account pages share: a search-as-you-type select of companies or places (ids from the
 * archives, never typed), the scope of a row in words, and the one-time secret box.
 */
import { Alert, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Page, Scope } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { scopeLabel } from '../app/scope-label.js';
import { useArchives } from '../archives/Specs.js';
import { useI18n } from '../i18n/I18n.js';

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
