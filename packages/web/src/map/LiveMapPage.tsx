/**
 * 实时监控: the bundled district boundaries, the places from the archives, and the live vehicles
 * from the position feed — owned by a worker (live-worker.ts: GET /api/live to learn whether it
 * is there, then the WebSocket stream, a snapshot and deltas every second; the store, filters and
 * GeoJSON) — clustered when zoomed out, with filters (company, district, class of goods, state,
 * plate), a vehicle card with its active waybill, follow, and a link to the track. The basemap tile URL is a per-browser setting (none by
 * default: works offline).
 */
import { Alert, Badge, Button, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ArchiveRecord, Page } from '../api/types.js';
import { usePath } from '../app/router.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { noCounts, placeKinds, type PlaceKind } from './features.js';
import { FollowVehicle } from './FollowVehicle.js';
import { DistrictLayer } from './layers/DistrictLayer.js';
import { PlaceLayer, placeColours } from './layers/PlaceLayer.js';
import { VehicleLayer } from './layers/VehicleLayer.js';
import { LiveClient, type LiveView } from './live-client.js';
import {
  goodsClasses,
  noFilters,
  type GoodsClass,
  type LiveFilters,
  type VehicleState,
} from './live-store.js';
import { MapView } from './MapView.js';
import { isTileUrl } from './style.js';
import { VehicleCard } from './VehicleCard.js';

const TILE_KEY = 'weiyun.basemapUrl';
const states: VehicleState[] = ['moving', 'stopped', 'alarm', 'offline'];

const idleView: LiveView = {
  availability: { kind: 'loading' },
  connected: false,
  counts: noCounts,
  selected: null,
};
const noSubscribe = () => () => {};

/** The live client (its worker) for the page's life. */
export function useLiveClient(): LiveClient | null {
  const [client, setClient] = useState<LiveClient | null>(null);
  useEffect(() => {
    const c = new LiveClient(noFilters);
    setClient(c);
    return () => {
      c.close();
      setClient(null);
    };
  }, []);
  return client;
}

/**
 * One part of the client's view, re-rendered only when that part changes (the counts change on
 * every frame, so only the few components that show them subscribe to them).
 */
function useLive<T>(client: LiveClient | null, pick: (v: LiveView) => T): T {
  return useSyncExternalStore(client?.subscribe ?? noSubscribe, () => pick(client?.getView() ?? idleView));
}

const pickCounts = (v: LiveView) => v.counts;

function LiveCountText({ client }: { client: LiveClient }) {
  const { t } = useI18n();
  const counts = useLive(client, pickCounts);
  return (
    <Typography.Text data-testid="live-count">
      {t('map.liveCount', { online: counts.online, total: counts.total })}
    </Typography.Text>
  );
}

function ShownText({ client }: { client: LiveClient }) {
  const { t } = useI18n();
  const counts = useLive(client, pickCounts);
  return (
    <Typography.Text type="secondary" data-testid="live-shown">
      {t('live.shown', { n: counts.shown })}
    </Typography.Text>
  );
}

function StateFilter({
  client,
  value,
  onChange,
}: {
  client: LiveClient;
  value: readonly VehicleState[];
  onChange: (v: VehicleState[]) => void;
}) {
  const { t } = useI18n();
  const counts = useLive(client, pickCounts);
  return (
    <Checkbox.Group
      value={[...value]}
      onChange={(v) => onChange(v as VehicleState[])}
      data-testid="live-states"
    >
      {states.map((s) => (
        <Checkbox value={s} key={s}>
          {t(`live.state.${s}`)} {counts.states[s]}
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}

export function LiveMapPage() {
  const { t, lang } = useI18n();
  const { can, me } = useSession();
  const [tileUrl, setTileUrl] = useState<string | null>(() => localStorage.getItem(TILE_KEY));
  const [draftUrl, setDraftUrl] = useState(tileUrl ?? '');
  const [mapError, setMapError] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>(['districts', ...placeKinds, 'vehicles']);
  const [filters, setFilters] = useState<LiveFilters>(noFilters);
  const [plateDraft, setPlateDraft] = useState('');
  const [following, setFollowing] = useState(false);
  const client = useLiveClient();
  const availability = useLive(client, (v) => v.availability);
  const connected = useLive(client, (v) => v.connected);
  const selected = useLive(client, (v) => v.selected);
  const places = useApi<Page<ArchiveRecord>>('/api/archives/places', { pageSize: 500 });
  const companies = useApi<Page<ArchiveRecord>>('/api/archives/enterprises', { pageSize: 500 });
  const districts = useApi<{ code: string; name: string; nameEn?: string }[]>('/api/archives/districts');
  const companyNames = useMemo(
    () => new Map((companies.data?.items ?? []).map((e) => [e.id, String(e.name ?? e.id)])),
    [companies.data],
  );
  const placeRecords = places.data?.items ?? [];
  const scopeKind = me?.user.scope.kind;

  useEffect(() => {
    client?.setFilters(filters);
  }, [client, filters]);
  // /map?vehicle=<id> opens on that vehicle: its card, and the map following it.
  const { search } = usePath();
  const linked = search.get('vehicle');
  useEffect(() => {
    if (!client || !linked) return;
    client.select(linked);
    setFollowing(true);
  }, [client, linked]);
  const setFilter = (patch: Partial<LiveFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const applyTiles = () => {
    const url = draftUrl.trim();
    if (url && !isTileUrl(url)) return;
    if (url) localStorage.setItem(TILE_KEY, url);
    else localStorage.removeItem(TILE_KEY);
    setTileUrl(url || null);
  };

  return (
    <div className="map-page" data-testid="live-map">
      <MapView tileUrl={tileUrl} onError={setMapError}>
        {shown.includes('districts') && <DistrictLayer />}
        {placeKinds
          .filter((k) => shown.includes(k))
          .map((k) => (
            <PlaceLayer key={k} kind={k} places={placeRecords} />
          ))}
        {client && availability.kind === 'ok' && shown.includes('vehicles') && (
          <VehicleLayer client={client} selected={selected?.serial ?? null} />
        )}
        {selected && following && <FollowVehicle lon={selected.vehicle.lon} lat={selected.vehicle.lat} />}
      </MapView>
      <Card
        size="small"
        className="map-panel"
        title={t('map.layers')}
        styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {mapError && <Alert type="error" showIcon message={`${t('map.noWebgl')} ${mapError}`} />}
          <Checkbox.Group
            value={shown}
            onChange={(v) => setShown(v as string[])}
            style={{ display: 'grid', gap: 4 }}
          >
            <Checkbox value="districts">{t('map.districts')}</Checkbox>
            {placeKinds.map((k: PlaceKind) => (
              <Checkbox value={k} key={k}>
                <span style={{ color: placeColours[k] }}>■</span> {t(`map.${k}`)}
              </Checkbox>
            ))}
            <Checkbox value="vehicles" disabled={availability.kind !== 'ok'}>
              {t('map.vehicles')}
            </Checkbox>
          </Checkbox.Group>
          <Typography.Text type="secondary" data-testid="places-count">
            {t('map.placesLoaded', { n: places.data?.items.length ?? 0 })}
          </Typography.Text>
          {availability.kind === 'absent' && (
            <Alert type="info" showIcon message={t('map.noLive')} data-testid="live-absent" />
          )}
          {availability.kind === 'error' && <Alert type="warning" showIcon message={availability.message} />}
          {availability.kind === 'ok' && (
            <>
              <Space>
                <Badge status={connected ? 'success' : 'default'} text={t('live.streaming')} />
              </Space>
              {client && <LiveCountText client={client} />}
              <Typography.Text strong>{t('live.filters')}</Typography.Text>
              {scopeKind !== 'enterprise' && (
                <Select
                  size="small"
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('live.company')}
                  value={filters.enterpriseId}
                  onChange={(v: string | undefined) => setFilter({ enterpriseId: v })}
                  options={[...companyNames].map(([value, label]) => ({ value, label }))}
                  data-testid="live-company"
                />
              )}
              {scopeKind !== 'enterprise' && scopeKind !== 'district' && (
                <Select
                  size="small"
                  allowClear
                  placeholder={t('live.district')}
                  value={filters.districtCode}
                  onChange={(v: string | undefined) => setFilter({ districtCode: v })}
                  options={(districts.data ?? []).map((d) => ({
                    value: d.code,
                    label: lang === 'en' && d.nameEn ? d.nameEn : d.name,
                  }))}
                  data-testid="live-district"
                />
              )}
              <Select
                size="small"
                allowClear
                placeholder={t('live.goodsClass')}
                value={filters.goodsClass}
                onChange={(v: GoodsClass | undefined) => setFilter({ goodsClass: v })}
                options={goodsClasses.map((c) => ({ value: c, label: t(`live.class.${c}`) }))}
                data-testid="live-class"
              />
              {client && (
                <StateFilter
                  client={client}
                  value={filters.states}
                  onChange={(v) => setFilter({ states: v })}
                />
              )}
              <Input.Search
                size="small"
                allowClear
                placeholder={t('live.plate')}
                value={plateDraft}
                onChange={(e) => setPlateDraft(e.target.value)}
                onSearch={(v) => setFilter({ plate: v.trim() || undefined })}
                data-testid="live-plate"
              />
              {client && <ShownText client={client} />}
            </>
          )}
          <Typography.Text strong>{t('map.basemap')}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              size="small"
              value={draftUrl}
              onChange={(e) => setDraftUrl(e.target.value)}
              status={draftUrl.trim() && !isTileUrl(draftUrl.trim()) ? 'error' : ''}
              placeholder="https://…/{z}/{x}/{y}.png"
            />
            <Button size="small" onClick={applyTiles}>
              {t('map.basemapApply')}
            </Button>
          </Space.Compact>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('map.basemapHint')}
          </Typography.Text>
        </Space>
      </Card>
      {selected && (
        <VehicleCard
          vehicle={selected.vehicle}
          info={selected.info}
          company={companyNames.get(selected.info?.enterpriseId ?? '')}
          following={following}
          onFollow={setFollowing}
          onClose={() => {
            client?.select(null);
            setFollowing(false);
          }}
          canTrack={can('positions:read')}
          canWaybills={can('waybills:read')}
          canCards={can('gateway:read')}
        />
      )}
    </div>
  );
}
