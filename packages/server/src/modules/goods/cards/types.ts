/**
 * Our own emergency-card texts (应急处置卡), written from the class and the substance's facts; never
 * copied from published guide prose. One template per `card_key`; a catalogue row may override the
 * distances (the `card` column).
 */

export interface Text {
  zh: string;
  en: string;
}

export const t = (zh: string, en: string): Text => ({ zh, en });

/**
 * Initial distances in metres, of the kind in regulations.md §7: isolate in all directions at once;
 * protective (evacuation) distance downwind for a small and a large spill; isolation and
 * evacuation in all directions when a tank or load is in a fire. Not verified against the
 * published guides [U]: treat as data a bureau confirms or overrides, never as prose.
 */
export interface CardDistances {
  isolationM: number;
  smallSpillM: number;
  largeSpillM: number;
  fireM: number;
}

export interface CardTemplate {
  key: string;
  title: Text;
  hazards: { fire: Text; health: Text };
  protection: Text;
  distances: CardDistances;
  fireFighting: { agents: Text; prohibited: Text; notes: Text };
  spill: Text;
  firstAid: { inhalation: Text; skin: Text; eyes: Text; ingestion: Text };
}

/** A catalogue row's `card` column: where a substance differs from its template. */
export interface CardOverride {
  distances?: Partial<CardDistances>;
  note?: Text;
}

export interface EmergencyCard extends CardTemplate {
  note: Text | null;
  /** True when a distance comes from the substance's own override. */
  distancesOverridden: boolean;
}
