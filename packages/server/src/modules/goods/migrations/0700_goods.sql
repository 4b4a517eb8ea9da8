-- The dangerous-goods catalogue (危险货物品名表): one row per UN number. Facts (class, packing
-- group, subsidiary risks) follow the UN Model Regulations / GB 12268 / JT/T 617.3; the emergency
-- card text is our own, keyed by `card_key` with per-substance overrides in `card`.
CREATE TABLE goods (
  un_number text PRIMARY KEY CHECK (un_number ~ '^[0-9]{4}$'),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
  aliases_zh text[] NOT NULL DEFAULT '{}',
  -- GB 6944 class or division: '3', '2.1', '6.1', '1.1' …; the compatibility group of class 1 apart.
  hazard_class text NOT NULL CHECK (hazard_class ~ '^[1-9](\.[1-6])?$'),
  compatibility_group text CHECK (compatibility_group ~ '^[A-HJKLNS]$'),
  subsidiary_risks text[] NOT NULL DEFAULT '{}',
  packing_groups text[] NOT NULL DEFAULT '{}' CHECK (packing_groups <@ ARRAY['I', 'II', 'III']),
  special text[] NOT NULL DEFAULT '{}'
    CHECK (special <@ ARRAY['highly_toxic', 'explosive_precursor', 'explosive', 'radioactive', 'hazardous_waste']),
  physical_state text NOT NULL CHECK (physical_state IN ('gas', 'liquid', 'solid')),
  -- Typical density as carried (kg/L), for the tank volume × density check; null when not useful.
  density_kg_per_l double precision CHECK (density_kg_per_l IS NULL OR density_kg_per_l > 0),
  erg_guide text CHECK (erg_guide ~ '^[0-9]{3}$'),
  card_key text NOT NULL,
  card jsonb NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT 'builtin' CHECK (source IN ('builtin', 'import', 'manual')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX goods_name_zh ON goods (name_zh);
