/**
 * The positions stream on the bus: one subject per partition, `positions.<p>` with
 * p = partitionOf(vehicle id, BUS_PARTITIONS), so all fixes of a vehicle share one order.
 * Tests and benchmarks on a shared NATS server use another prefix so runs never meet.
 */
import { partitionOf, type StreamSpec } from '../../platform/bus/bus.js';

export interface PositionTopic {
  /** Stream name. */
  stream: string;
  /** Subject prefix: subjects are `<prefix>.<p>`. */
  prefix: string;
  partitions: number;
}

export const defaultTopic = (partitions: number): PositionTopic => ({
  stream: 'positions',
  prefix: 'positions',
  partitions,
});

export function streamSpec(topic: PositionTopic): StreamSpec {
  // Kept a day: consumers that were down catch up; the database is the record, not the bus.
  // Sized for a city fleet (thousands of vehicles, a fix every 10–30 s: a few GB a day on
  // JetStream's disk); a far larger fleet would want a byte limit as well (not in the port yet).
  return { name: topic.stream, subjects: [`${topic.prefix}.>`], maxAgeMs: 86_400_000 };
}

export const partitionSubject = (topic: PositionTopic, p: number): string => `${topic.prefix}.${p}`;

export const subjectOf = (topic: PositionTopic, vehicleId: string): string =>
  partitionSubject(topic, partitionOf(vehicleId, topic.partitions));
