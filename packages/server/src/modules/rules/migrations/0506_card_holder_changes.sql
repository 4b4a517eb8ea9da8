-- The rule context re-reads the IC-card holders whose archive changed since its last read (a
-- renewed certificate, a person who left) every few seconds, not only at its full reload: these
-- find the changed rows without scanning every person and certificate.
CREATE INDEX personnel_updated_at ON personnel (updated_at);
CREATE INDEX certificates_updated_at ON certificates (updated_at);
