-- Waybill numbers (运单编号) are YD + the China date + a sequence of the day: YD202611230001.
-- One counter row per day, taken with an upsert inside the creating transaction, so two carriers
-- creating at once never get the same number.
CREATE TABLE waybill_number_counters (
  day text PRIMARY KEY CHECK (day ~ '^[0-9]{8}$'),
  last integer NOT NULL CHECK (last > 0)
);
