import type { StreamSpec } from './bus.js';

/**
 * Domain events (rule episodes on `events.rules.<type>`, certificate-expiry warnings on
 * `events.certificates`) share one stream; the alarm service consumes it.
 */
export const EVENTS_STREAM: StreamSpec = { name: 'events', subjects: ['events.>'] };
