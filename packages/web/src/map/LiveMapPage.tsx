/**
 * 实时监控: the bundled district boundaries, the places from the archives, and the live vehicles
 * from the position feed (GET /api/live to learn whether it is there, then the WebSocket stream:
 * a snapshot and changes every second), clustered when zoomed out, with filters, a vehicle card,
 * follow, and a link to the track. The basemap tile URL is a per-browser setting (none by
 * default: works offline).
 */
import { Alert, Badge, Button, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/Session.js';
import { useI18n } from '../i18n/I18n.js';
import { placeKinds, type PlaceKind, type VehicleState } from './features.js';
import { FollowVehicle } from './FollowVehicle.js';
import { DistrictLayer } from './layers/DistrictLayer.js';
import { PlaceLayer, placeColours } from './layers/PlaceLayer.js';
import { VehicleLayer } from './layers/VehicleLayer.js';
import { connectLiveFeed } from './live-feed.js';
import { countStates, filterVehicles, LiveStore, type LiveFilters } from './live-store.js';
import { MapView } from './MapView.js';
import { isTileUrl } from './style.js';
import { useVehicleDirectory } from './use-directory.js';
import { VehicleCard } from './VehicleCard.js';

const TILE_KEY = 'weiyun.basemapUrl';
const states: VehicleState[] = ['moving', 'stopped', 'alarm', 'offline'];

type Availability =
  { kind: 'loading' } | { kind: 'absent' } | { kind: 'error'; message: string } | { kind: 'ok' };

/** Whether the position service is there for this user; then the store fed by the stream. */
function useLiveFeed(store: LiveStore): { availability: Availability; connected: boolean } {
  const [availability, setAvailability] = useState<Availability>({ kind: 'loading' });
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let close: (() => void) | undefined;
    let stopped = false;
    api<{ vehicles: unknown[] }>('/api/live')
      .then((r) => {
        if (stopped) return;
        // Something to show while the stream connects; its snapshot replaces it.
        store.apply({ type: 'snapshot', vehicles: r.vehicles });
        setAvailability({ kind: 'ok' });
        close = connectLiveFeed(store, (s) => setConnected(s === 'open'));
      })
      .catch((e: unknown) => {
        if (stopped) return;
        // The position service not deployed (or not permitted for this role): say so.
        if (e instanceof ApiError && (e.code === 'ROUTE_NOT_FOUND' || e.status === 403))
          setAvailability({ kind: 'absent' });
        else setAvailability({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      stopped = true;
      close?.();
    };
  }, [store]);
  return { availability, connected };
}

/** Re-renders on store changes (the panel's counts and the card), at most once a second. */
function useStoreVersion(store: LiveStore): number {
  const [v, setV] = useState(store.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setV(store.version);
      }, 1000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [store]);
  return v;
}

export function LiveMapPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const [tileUrl, setTileUrl] = useState<string | null>(() => localStorage.getItem(TILE_KEY));
  const [draftUrl, setDraftUrl] = useState(tileUrl ?? '');
  const [mapError, setMapError] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>(['districts', ...placeKinds, 'vehicles']);
  const [filters, setFilters] = useState<LiveFilters>({ states: [] });
  const [plateDraft, setPlateDraft] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [following, setFollowing] = useState(false);
  const store = useMemo(() => new LiveStore(), []);
  const { availability, connected } = useLiveFeed(store);
  useStoreVersion(store);
  const places = useApi<Page<ArchiveRecord>>('/api/archives/places', { pageSize: 500 });
  const companies = useApi<Page<ArchiveRecord>>('/api/archives/enterprises', { pageSize: 500 });
  const info = useVehicleDirectory(availability.kind === 'ok');
  const companyNames = useMemo(
    () => new Map((companies.data?.items ?? []).map((e) => [e.id, String(e.name ?? e.id)])),
    [companies.data],
  );
  const placeRecords = places.data?.items ?? [];
  const all = store.list();
  const visible = filterVehicles(all, filters, info);
  const counts = countStates(visible);
  const vehicle = selected ? store.get(selected) : undefined;

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
        {availability.kind === 'ok' && shown.includes('vehicles') && (
          <VehicleLayer
            store={store}
            filters={filters}
            info={info}
            selected={selected}
            onPick={(id) => {
              setSelected(id);
              setFollowing(false);
            }}
          />
        )}
        {selected && following && <FollowVehicle store={store} vehicleId={selected} />}
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
              <Typography.Text data-testid="live-count">
                {t('map.liveCount', {
                  online: all.filter((v) => v.status === 'online').length,
                  total: all.length,
                })}
              </Typography.Text>
              <Typography.Text strong>{t('live.filters')}</Typography.Text>
              {me?.user.scope.kind !== 'enterprise' && (
                <Select
                  size="small"
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('live.company')}
                  value={filters.enterpriseId}
                  onChange={(v: string | undefined) => setFilters({ ...filters, enterpriseId: v })}
                  options={[...companyNames].map(([value, label]) => ({ value, label }))}
                  data-testid="live-company"
                />
              )}
              <Checkbox.Group
                value={[...filters.states]}
                onChange={(v) => setFilters({ ...filters, states: v as VehicleState[] })}
                data-testid="live-states"
              >
                {states.map((s) => (
                  <Checkbox value={s} key={s}>
                    {t(`live.state.${s}`)} {counts[s]}
                  </Checkbox>
                ))}
              </Checkbox.Group>
              <Input.Search
                size="small"
                allowClear
                placeholder={t('live.plate')}
                value={plateDraft}
                onChange={(e) => setPlateDraft(e.target.value)}
                onSearch={(v) => setFilters({ ...filters, plate: v.trim() || undefined })}
                data-testid="live-plate"
              />
              <Typography.Text type="secondary" data-testid="live-shown">
                {t('live.shown', { n: visible.length })}
              </Typography.Text>
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
      {vehicle && (
        <VehicleCard
          vehicle={vehicle}
          info={info.get(vehicle.vehicleId)}
          company={companyNames.get(info.get(vehicle.vehicleId)?.enterpriseId ?? '')}
          following={following}
          onFollow={setFollowing}
          onClose={() => {
            setSelected(null);
            setFollowing(false);
          }}
          canTrack={can('positions:read')}
        />
      )}
    </div>
  );
}
