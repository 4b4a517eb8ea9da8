/**
 * The vehicle card's IC card (驾驶员IC卡), from the newest report of the vehicle's terminal
 * (GET /api/gateway/vehicles/:vehicleId/driver-cards?limit=1, 0x0702): whose card is in the
 * reader now, whether that person is on file, and since when.
 */
export interface DriverCardReport {
  status: 'inserted' | 'removed' | 'unreadable';
  personId: string | null;
  personName: string | null;
  driverName: string | null;
  certificateNumber: string | null;
  deviceTime: string | null;
  receivedAt: string;
}

export type CardInReader =
  | { kind: 'none' }
  | { kind: 'unreadable'; since: string }
  | { kind: 'card'; name: string; onFile: boolean; since: string };

export function cardInReader(newest: DriverCardReport | undefined): CardInReader {
  if (!newest || newest.status === 'removed') return { kind: 'none' };
  const since = newest.deviceTime ?? newest.receivedAt;
  if (newest.status === 'unreadable') return { kind: 'unreadable', since };
  // The archive's name for a person on file; the card's own name (or number) otherwise.
  const name = newest.personName ?? newest.driverName ?? newest.certificateNumber ?? '?';
  return { kind: 'card', name, onFile: newest.personId !== null, since };
}
