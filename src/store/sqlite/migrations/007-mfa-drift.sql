-- 007: how many 30-second steps a virtual MFA device's clock runs ahead (+) or behind (-) the
-- server's, learnt by ResyncMFADevice, so later codes are checked around the device's own time.
ALTER TABLE mfa_devices ADD COLUMN drift INTEGER NOT NULL DEFAULT 0;
