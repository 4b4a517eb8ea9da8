/**
 * 轨迹回放: pick a vehicle and a time range; the track with its stops, gaps and alarm markers;
 * play, pause and speed (1×–64×); a speed chart with the limit lines, in step with the map
 * (the chart's cursor follows playback, a click on the chart moves the playhead there).
 */
import { CaretRightOutlined, PauseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Select, Slider, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Alarm, Page, TrackResponse } from '../api/types.js';
import { usePath } from '../app/router.js';
import { useSession } from '../auth/Session.js';
import { EChart } from '../charts/EChart.js';
import { buildSpeedChartOption, speedCursorOption } from '../charts/speed.js';
import { useI18n } from '../i18n/I18n.js';
import { CameraTo } from '../map/layers/CameraTo.js';
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import type { DriverCardReport } from '../map/driver-card.js';
import { MapView } from '../map/MapView.js';
import { CardSpanTags } from './CardSpans.js';
import { cardSpans, spanAt } from './driver-cards.js';
import {
  advance,
  alarmMarkers,
  detectStops,
  playbackSpeeds,
  positionAt,
  trackBounds,
  validPoints,
} from './track.js';
import { PlayheadLayer, TrackLayer } from './TrackLayer.js';
import { VehiclePicker, type PickedVehicle } from './VehiclePicker.js';

/** Hazmat vehicles' limits (《道路危险货物运输管理规定》): 80 km/h on expressways, 60 elsewhere. */
const DEFAULT_LIMITS = [80, 60];

interface Loaded {
  track: TrackResponse;
  alarms: Alarm[];
  /** The terminal's IC-card reports in the range and the one in force at its start (null: not allowed to read them). */
  cards: DriverCardReport[] | null;
  from: number;
  to: number;
}

export function TrackPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { search } = usePath();
  const [vehicle, setVehicle] = useState<PickedVehicle | null>(() => {
    const id = search.get('vehicle');
    return id ? { id, plate: search.get('plate') || id } : null;
  });
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const from = search.get('from');
    const to = search.get('to');
    return from && to ? [dayjs(from), dayjs(to)] : [dayjs().subtract(2, 'hour'), dayjs()];
  });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(16);
  const [now, setNow] = useState<number | null>(null);

  const load = async (v: PickedVehicle | null) => {
    if (!v) return;
    setBusy(true);
    setError(null);
    setPlaying(false);
    try {
      const from = range[0].toISOString();
      const to = range[1].toISOString();
      const [track, alarms, cards] = await Promise.all([
        api<TrackResponse>(`/api/vehicles/${encodeURIComponent(v.id)}/track`, { query: { from, to } }),
        can('alarms:read')
          ? api<Page<Alarm>>('/api/alarms', { query: { vehicleId: v.id, from, to, pageSize: 500 } })
              .then((r) => r.items)
              .catch(() => [])
          : Promise.resolve([]),
        can('gateway:read')
          ? api<{ items: DriverCardReport[] }>(
              `/api/gateway/vehicles/${encodeURIComponent(v.id)}/driver-cards`,
              {
                query: { from, to, limit: 500 },
              },
            )
              .then((r) => r.items)
              .catch(() => null)
          : Promise.resolve(null),
      ]);
      setLoaded({ track, alarms, cards, from: range[0].valueOf(), to: range[1].valueOf() });
      const first = validPoints(track.points)[0];
      setNow(first ? Date.parse(first.t) : null);
    } catch (e) {
      setLoaded(null);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  // Opened from an alarm or the live map: show at once.
  useEffect(() => {
    if (vehicle && search.get('vehicle')) void load(vehicle);
  }, []);

  const points = loaded?.track.points ?? [];
  const valid = useMemo(() => validPoints(points), [loaded]);
  const stops = useMemo(() => detectStops(points), [loaded]);
  const markers = useMemo(() => alarmMarkers(points, loaded?.alarms ?? []), [loaded]);
  const bounds = useMemo(() => trackBounds(points), [loaded]);
  const spans = useMemo(
    () => (loaded?.cards ? cardSpans(loaded.cards, loaded.from, loaded.to) : []),
    [loaded],
  );
  const start = valid[0] ? Date.parse(valid[0].t) : 0;
  const end = valid.length ? Date.parse(valid[valid.length - 1]!.t) : 0;
  const limits = useMemo(() => {
    const fromAlarms = (loaded?.alarms ?? [])
      .filter((a) => a.type === 'overspeed' && a.threshold !== null)
      .map((a) => a.threshold!);
    const values = [...new Set(fromAlarms.length ? fromAlarms : DEFAULT_LIMITS)];
    return values.map((value) => ({ value, label: t('track.limit', { n: value }) }));
  }, [loaded, t]);
  const option = useMemo(
    () =>
      buildSpeedChartOption(points, limits, {
        speed: t('track.speedChart'),
        // Seconds on the axis for tracks shorter than an hour.
        time: (ms) => dayjs(ms).format(end - start < 3_600_000 ? 'HH:mm:ss' : 'MM-DD HH:mm'),
      }),
    [loaded, limits, t, start, end],
  );

  // Playback: advance by wall-clock time × speed on each animation frame.
  const nowRef = useRef(now);
  nowRef.current = now;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(ts) {
      const next = advance(nowRef.current ?? start, ts - last, speed, end);
      last = ts;
      setNow(next);
      if (next >= end) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, start, end]);

  const head = now === null ? null : positionAt(valid, now);
  const currentSpan = spanAt(spans, now ?? start);
  // The chart cursor moves in steps of about one pixel of the chart, not every frame.
  const step = Math.max(1000, (end - start) / 600);
  const cursorAt = now === null ? null : Math.round(now / step) * step;
  const overlay = useMemo(() => speedCursorOption(cursorAt), [cursorAt]);

  return (
    <div className="track-page" data-testid="track-page">
      <Card size="small">
        <Space wrap>
          <VehiclePicker
            value={vehicle}
            onChange={setVehicle}
            placeholder={t('track.pickVehicle')}
            testId="track-vehicle"
          />
          <DatePicker.RangePicker
            showTime
            value={range}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!vehicle}
            onClick={() => void load(vehicle)}
            data-testid="track-query"
          >
            {t('track.query')}
          </Button>
          {loaded && (
            <Space size={4} data-testid="track-summary">
              <Tag>{t('track.points', { n: valid.length })}</Tag>
              <Tag color="gold">{t('track.stops', { n: stops.length })}</Tag>
              <Tag color="default">{t('track.gaps', { n: loaded.track.gaps.length })}</Tag>
              <Tag color="red">{t('track.alarms', { n: markers.length })}</Tag>
            </Space>
          )}
        </Space>
        {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
        {loaded?.track.truncated && (
          <Alert style={{ marginTop: 8 }} type="warning" message={t('track.truncated')} />
        )}
      </Card>
      <div className="track-map">
        <MapView tileUrl={localStorage.getItem('weiyun.basemapUrl')} onError={setMapError}>
          <DistrictLayer />
          {loaded && <TrackLayer points={points} stops={stops} markers={markers} />}
          <PlayheadLayer at={head} />
          {bounds && <CameraTo bounds={bounds} />}
        </MapView>
        {mapError && <Alert type="error" message={mapError} />}
      </div>
      <Card size="small" styles={{ body: { padding: 8 } }}>
        {loaded && valid.length > 0 ? (
          <>
            <Space style={{ width: '100%' }} align="center">
              <Button
                icon={playing ? <PauseOutlined /> : <CaretRightOutlined />}
                onClick={() => {
                  if (!playing && (now ?? end) >= end) setNow(start);
                  setPlaying(!playing);
                }}
                data-testid="track-play"
              >
                {playing ? t('track.pause') : t('track.play')}
              </Button>
              <Select
                value={speed}
                onChange={setSpeed}
                style={{ width: 80 }}
                options={playbackSpeeds.map((s) => ({ value: s, label: `${s}×` }))}
                data-testid="track-speed"
              />
              <Slider
                style={{ width: 360 }}
                min={start}
                max={end}
                step={1000}
                value={now ?? start}
                tooltip={{ formatter: (v) => (v ? dayjs(v).format('HH:mm:ss') : '') }}
                onChange={(v: number) => setNow(v)}
              />
              <Typography.Text data-testid="track-now">
                {t('track.current', {
                  time: now === null ? '—' : dayjs(now).format('MM-DD HH:mm:ss'),
                  speed: head ? Math.round(head.speed) : 0,
                })}
              </Typography.Text>
            </Space>
            {spans.length > 0 && <CardSpanTags spans={spans} current={currentSpan} testId="track-cards" />}
            <EChart option={option} overlay={overlay} onPick={setNow} height={140} testId="speed-chart" />
          </>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={loaded ? t('track.empty') : t('track.pickVehicle')}
          />
        )}
      </Card>
    </div>
  );
}
