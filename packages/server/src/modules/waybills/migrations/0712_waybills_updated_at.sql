-- The rule engine reads changed waybills incrementally by updated_at: keep it true for every
-- writer (the waybills service, the filling site, the track-driven steps), not only those that
-- remember to set it.
CREATE TRIGGER waybills_updated_at BEFORE UPDATE ON waybills FOR EACH ROW EXECUTE FUNCTION set_updated_at();
