/**
 * The emergency cards: templates by key, a row's override merged in, and the template a row gets
 * when an import names none (chosen from the class, subsidiary risks and physical state).
 */
import { corrosiveTemplates } from './templates-corrosive.js';
import { flammableTemplates } from './templates-flammable.js';
import { gasToxicTemplates } from './templates-gas-toxic.js';
import { otherTemplates } from './templates-other.js';
import type { CardDistances, CardOverride, CardTemplate, EmergencyCard, Text } from './types.js';

export const cardTemplates: ReadonlyMap<string, CardTemplate> = new Map(
  [...flammableTemplates, ...gasToxicTemplates, ...corrosiveTemplates, ...otherTemplates].map((c) => [
    c.key,
    c,
  ]),
);

export const cardKeys: readonly string[] = [...cardTemplates.keys()];

/** The phone numbers printed on every card (the carrier's is added per waybill). */
export const emergencyPhones = [
  { number: '119', label: { zh: '火警', en: 'Fire' } },
  { number: '120', label: { zh: '急救', en: 'Ambulance' } },
  { number: '110', label: { zh: '报警', en: 'Police' } },
  { number: '122', label: { zh: '交通事故', en: 'Traffic accident' } },
] as const;

const distanceKeys: readonly (keyof CardDistances)[] = ['isolationM', 'smallSpillM', 'largeSpillM', 'fireM'];

function isText(v: unknown): v is Text {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Text).zh === 'string' &&
    typeof (v as Text).en === 'string' &&
    Object.keys(v).length === 2
  );
}

/** The reason an override is not acceptable, or null. Distances are whole metres, 1–20,000. */
export function overrideProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not_an_object';
  for (const [k, val] of Object.entries(v)) {
    if (k === 'note') {
      if (!isText(val) || val.zh.length > 500 || val.en.length > 1000) return 'note_invalid';
    } else if (k === 'distances') {
      if (typeof val !== 'object' || val === null || Array.isArray(val)) return 'distances_invalid';
      for (const [dk, dv] of Object.entries(val)) {
        if (!distanceKeys.includes(dk as keyof CardDistances)) return 'distances_invalid';
        if (typeof dv !== 'number' || !Number.isInteger(dv) || dv < 1 || dv > 20_000)
          return 'distances_invalid';
      }
    } else return 'unknown_key';
  }
  return null;
}

/** The template with the row's override applied; null for an unknown key. */
export function resolveCard(
  cardKey: string,
  override: CardOverride | null | undefined,
): EmergencyCard | null {
  const template = cardTemplates.get(cardKey);
  if (!template) return null;
  const own = override?.distances ?? {};
  const overridden = distanceKeys.some((k) => own[k] !== undefined);
  return {
    ...template,
    distances: { ...template.distances, ...own },
    note: override?.note ?? null,
    distancesOverridden: overridden,
  };
}

interface CardFacts {
  hazardClass: string;
  subsidiaryRisks: readonly string[];
  physicalState: 'gas' | 'liquid' | 'solid';
}

/** The template for a row that names none: the class decides, subsidiary risks refine it. */
export function defaultCardKey(f: CardFacts): string {
  const sub = (c: string) => f.subsidiaryRisks.includes(c);
  const division = f.hazardClass;
  switch (division.split('.')[0]) {
    case '1':
      return division === '1.4' ? 'explosive_minor' : 'explosive';
    case '2':
      if (division === '2.3') return 'toxic_gas';
      if (division === '2.1')
        return f.physicalState === 'liquid' ? 'refrigerated_flammable_gas' : 'flammable_gas';
      if (sub('5.1')) return 'oxidizing_gas';
      return f.physicalState === 'liquid' ? 'refrigerated_non_flammable_gas' : 'non_flammable_gas';
    case '3':
      if (sub('6.1')) return 'flammable_liquid_toxic';
      if (sub('8')) return 'flammable_liquid_corrosive';
      return 'flammable_liquid_immiscible';
    case '4':
      if (division === '4.3') return 'water_reactive';
      if (division === '4.2') return 'spontaneously_combustible';
      return 'flammable_solid';
    case '5':
      return division === '5.2' ? 'organic_peroxide' : 'oxidizer';
    case '6':
      if (division === '6.2') return 'infectious';
      return f.physicalState === 'solid' ? 'toxic_solid' : 'toxic_liquid';
    case '7':
      return 'radioactive';
    case '8':
      return f.physicalState === 'solid' ? 'corrosive_solid' : 'corrosive_acid';
    default:
      return 'environmentally_hazardous';
  }
}
