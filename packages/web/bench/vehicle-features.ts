/**
 * Cost of building the live-map GeoJSON for 10,000 vehicles (toVehicleFeatures), the pure part
 * of one map update. Not the browser target (that adds MapLibre's setData and rendering,
 * measured in the browser in a later session). Run: npx tsx packages/web/bench/vehicle-features.ts
 */
import type { LiveVehicle } from '../src/api/types.js';
import { toVehicleFeatures } from '../src/map/features.js';

const N = 10_000;
const RUNS = 60;
const vehicles: LiveVehicle[] = Array.from({ length: N }, (_, i) => ({
  vehicleId: `v${i}`,
  terminalId: `t${i}`,
  deviceTime: '2026-11-22T08:00:00Z',
  lat: 40.8 + (i % 100) * 0.006,
  lon: 121.8 + Math.floor(i / 100) * 0.006,
  speed: (i * 7) % 90,
  heading: (i * 13) % 360,
  alarms: i % 50 === 0 ? ['overspeed'] : [],
  status: i % 10 === 0 ? 'offline' : 'online',
}));
const plates = new Map(vehicles.map((v, i) => [v.vehicleId, `辽L${String(10000 + i)}`]));

const times: number[] = [];
let features = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  features = toVehicleFeatures(vehicles, plates).features.length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
console.log(
  `toVehicleFeatures: ${N} vehicles → ${features} features; ${RUNS} runs: p50 ${pct(50)} ms, p95 ${pct(95)} ms`,
);
