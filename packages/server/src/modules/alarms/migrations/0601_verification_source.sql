-- Alarms from the filling-site check and checkpoint verification (source 'verification'). A
-- plate seen at a checkpoint that is not in the archive has no company: such an alarm carries no
-- enterprise and opens with the county of the checkpoint (district_code), escalated there.
ALTER TABLE alarms DROP CONSTRAINT IF EXISTS alarms_source_check;
ALTER TABLE alarms ADD CONSTRAINT alarms_source_check CHECK (source IN ('rule', 'certificate', 'verification'));
ALTER TABLE alarms ALTER COLUMN enterprise_id DROP NOT NULL;
