/** Test support for the simulator's end-to-end tests. */
import type { Bus } from '../platform/bus/bus.js';
import { EVENTS_STREAM } from '../platform/bus/streams.js';

/** Collects the rule events on the bus (`events.rules.*`): the types seen, by vehicle. */
export async function ruleEventsByVehicle(bus: Bus, durable: string): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  await bus.subscribe({ stream: EVENTS_STREAM.name, durable, filter: 'events.rules.>' }, (msg) => {
    const e = JSON.parse(new TextDecoder().decode(msg.data)) as { vehicleId: string; type: string };
    if (!seen.has(e.vehicleId)) seen.set(e.vehicleId, new Set());
    seen.get(e.vehicleId)!.add(e.type);
    msg.ack();
  });
  return seen;
}
