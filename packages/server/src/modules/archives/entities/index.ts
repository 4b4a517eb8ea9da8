import type { EntitySpec } from '../resource/spec.js';
import { enterpriseSpec } from './enterprise.js';
import { personSpec } from './person.js';
import { placeSpec } from './place.js';
import { terminalSpec } from './terminal.js';
import { vehicleSpec } from './vehicle.js';

/** Every archive entity, with the name of its id in route paths (unique, for the route walker). */
export const archiveEntities: readonly { spec: EntitySpec; idParam: string }[] = [
  { spec: enterpriseSpec, idParam: 'enterpriseId' },
  { spec: vehicleSpec, idParam: 'vehicleId' },
  { spec: terminalSpec, idParam: 'terminalId' },
  { spec: personSpec, idParam: 'personId' },
  { spec: placeSpec, idParam: 'placeId' },
];
