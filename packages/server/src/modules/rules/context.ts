/**
 * The rule engine's view of the archive: each vehicle's enterprise, and the designated places
 * (parking lots, chemical parks, filling sites, checkpoints) as geofences. Loaded at start and
 * refreshed periodically — the engine asks synchronously, per fix, so it must not query.
 * Waybills (goods carried, planned route) and ban windows have no source yet: vehicles carry no
 * goods classes and no waybill, and the ban list is empty until those modules exist.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { BanWindow, RuleContext, VehicleContext } from '../../rules/context.js';
import { GeofenceIndex, type FenceKind, type Geofence } from '../../rules/geofences.js';
import { resolveParams } from '../../rules/params.js';

export class ArchiveRuleContext implements RuleContext {
  private vehicles = new Map<string, VehicleContext>();
  private index = new GeofenceIndex([]);
  private readonly params$ = resolveParams();

  constructor(private readonly db: Queryable) {}

  async refresh(): Promise<{ vehicles: number; fences: number }> {
    const vs = await this.db.query<{ id: string; enterprise_id: string }>(
      "SELECT id, enterprise_id FROM vehicles WHERE vehicle_type <> 'trailer' AND operating_status <> 'scrapped'",
    );
    const vehicles = new Map<string, VehicleContext>();
    for (const v of vs.rows)
      vehicles.set(v.id, { vehicleId: v.id, enterpriseId: v.enterprise_id, goodsClasses: [], waybill: null });
    const ps = await this.db.query<{
      id: string;
      kind: FenceKind;
      name: string;
      polygon: { coordinates: [number, number][][] };
    }>(
      "SELECT id, kind, name, polygon FROM places WHERE filing_status = 'filed' AND operating_status = 'active'",
    );
    const fences: Geofence[] = [];
    for (const p of ps.rows) {
      const ring = p.polygon.coordinates[0];
      if (!ring || ring.length < 4) continue;
      fences.push({ id: p.id, kind: p.kind, name: p.name, shape: { type: 'polygon', ring: ring.flat() } });
    }
    this.vehicles = vehicles;
    this.index = new GeofenceIndex(fences);
    return { vehicles: vehicles.size, fences: fences.length };
  }

  vehicle(vehicleId: string): VehicleContext | undefined {
    return this.vehicles.get(vehicleId);
  }
  fences(): GeofenceIndex {
    return this.index;
  }
  bans(): readonly BanWindow[] {
    return [];
  }
  params(): ReturnType<typeof resolveParams> {
    return this.params$;
  }
}
