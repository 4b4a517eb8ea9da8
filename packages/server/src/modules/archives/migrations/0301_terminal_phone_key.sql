-- Terminals are found by the phone number in the JT/T 808 header, which is zero-padded to 12
-- (2013) or 20 (2019) digits; the archive may hold it with or without the padding.
CREATE UNIQUE INDEX terminals_phone_key ON terminals (ltrim(phone, '0'));
