/**
 * 实时监控: the bundled district boundaries, the places from the archives, and the live vehicles
 * from GET /api/live when the position service is there (otherwise a clear notice). The basemap
 * tile URL is a per-browser setting (none by default: works offline).
 */
import { Alert, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { ArchiveRecord, LiveVehicle, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useI18n } from '../i18n/I18n.js';
import { placeKinds, type PlaceKind } from './features.js';
import { DistrictLayer } from './layers/DistrictLayer.js';
import { PlaceLayer, placeColours } from './layers/PlaceLayer.js';
import { VehicleLayer } from './layers/VehicleLayer.js';
import { MapView } from './MapView.js';
import { isTileUrl } from './style.js';

const TILE_KEY = 'weiyun.basemapUrl';
/** How often the live list is refreshed until the WebSocket stream is wired (ms). */
const LIVE_POLL_MS = 5000;

type LiveState =
  | { kind: 'loading' }
  | { kind: 'absent' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; vehicles: LiveVehicle[] };

function useLive(): LiveState {
  const [state, setState] = useState<LiveState>({ kind: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api<{ vehicles: LiveVehicle[] }>('/api/live');
        if (stopped) return;
        setState({ kind: 'ok', vehicles: r.vehicles });
        timer = setTimeout(() => void poll(), LIVE_POLL_MS);
      } catch (e) {
        if (stopped) return;
        // The position service not deployed (or not permitted for this role): say so, stop polling.
        if (e instanceof ApiError && (e.code === 'ROUTE_NOT_FOUND' || e.status === 403))
          setState({ kind: 'absent' });
        else {
          setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
          timer = setTimeout(() => void poll(), LIVE_POLL_MS * 2);
        }
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return state;
}

export function LiveMapPage() {
  const { t } = useI18n();
  const [tileUrl, setTileUrl] = useState<string | null>(() => localStorage.getItem(TILE_KEY));
  const [draftUrl, setDraftUrl] = useState(tileUrl ?? '');
  const [mapError, setMapError] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>(['districts', ...placeKinds, 'vehicles']);
  const places = useApi<Page<ArchiveRecord>>('/api/archives/places', { pageSize: 500 });
  const vehicles = useApi<Page<ArchiveRecord>>('/api/archives/vehicles', { pageSize: 500 });
  const live = useLive();
  const plates = useMemo(
    () => new Map((vehicles.data?.items ?? []).map((v) => [v.id, String(v.plate ?? v.id)])),
    [vehicles.data],
  );
  const placeRecords = places.data?.items ?? [];

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
        {live.kind === 'ok' && shown.includes('vehicles') && (
          <VehicleLayer vehicles={live.vehicles} plates={plates} />
        )}
      </MapView>
      <Card size="small" className="map-panel" title={t('map.layers')}>
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
            <Checkbox value="vehicles" disabled={live.kind !== 'ok'}>
              {t('map.vehicles')}
            </Checkbox>
          </Checkbox.Group>
          <Typography.Text type="secondary" data-testid="places-count">
            {t('map.placesLoaded', { n: places.data?.items.length ?? 0 })}
          </Typography.Text>
          {live.kind === 'absent' && (
            <Alert type="info" showIcon message={t('map.noLive')} data-testid="live-absent" />
          )}
          {live.kind === 'error' && <Alert type="warning" showIcon message={live.message} />}
          {live.kind === 'ok' && (
            <Typography.Text data-testid="live-count">
              {t('map.liveCount', {
                online: live.vehicles.filter((v) => v.status === 'online').length,
                total: live.vehicles.length,
              })}
            </Typography.Text>
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
    </div>
  );
}
