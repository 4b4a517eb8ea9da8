/**
 * Which vehicles a caller may see. Vehicles, their company (enterprise) and its district belong
 * to the archives module; this port is what the position routes and the live stream ask. The
 * module wires `archiveVehicleDirectory` (modules/archives/lookup.ts); `unmappedDirectory` knows
 * no vehicle (only the city scope then sees positions) and `memoryDirectory` serves tests.
 */
import type { Scope } from '../../platform/auth.js';

export interface VehicleInfo {
  vehicleId: string;
  /** The transport company (运输企业) the vehicle belongs to. */
  enterpriseId: string | null;
  /** The district (county-level division code) of that company. */
  districtCode: string | null;
}

export interface VehicleDirectory {
  /** What is known of these vehicles; unknown ids are absent from the result. */
  lookup(vehicleIds: readonly string[]): Promise<Map<string, VehicleInfo>>;
}

/** The data-scope rule for positions. */
export function scopeAllows(scope: Scope, info: VehicleInfo | undefined): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'district':
      return info?.districtCode === scope.districtCode;
    case 'enterprise':
      return info?.enterpriseId === scope.enterpriseId;
    // Filling sites and checkpoints see the vehicles of their waybills and passes (waybills
    // module), not the fleet's live positions.
    case 'filling_site':
    case 'checkpoint':
      return false;
  }
}

export const unmappedDirectory: VehicleDirectory = {
  async lookup() {
    return new Map();
  },
};

/** A directory held in memory (tests, and the demo data until archives exist). */
export function memoryDirectory(vehicles: readonly VehicleInfo[]): VehicleDirectory {
  const byId = new Map(vehicles.map((v) => [v.vehicleId, v]));
  return {
    async lookup(ids) {
      const out = new Map<string, VehicleInfo>();
      for (const id of ids) {
        const v = byId.get(id);
        if (v) out.set(id, v);
      }
      return out;
    },
  };
}
