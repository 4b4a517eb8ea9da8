-- Platform-wide helpers used by module migrations.

-- Keeps updated_at true on every UPDATE of a table that has the column.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
