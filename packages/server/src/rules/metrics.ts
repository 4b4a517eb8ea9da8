/**
 * Per-vehicle, per-local-day metrics for the 联网联控 assessment (regulations.md §5): driving
 * time, mileage and complete mileage (轨迹完整率), records and valid records (数据合格率), drift
 * (漂移), overspeed events, fatigue duration, online time. Intervals are credited to the day of
 * the fix that closes them. Mileage is measured from the positions (not the odometer), so the
 * complete/total ratio does not depend on the terminal's odometer being right.
 */

export interface DailyMetrics {
  vehicleId: string;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  drivingMs: number;
  mileageM: number;
  completeMileageM: number;
  records: number;
  validRecords: number;
  /** Records that arrived after the reorder window: counted here, not driven through the rules. */
  lateRecords: number;
  drift: number;
  trackGaps: number;
  overspeedEvents: number;
  fatigueMs: number;
  onlineMs: number;
}

export function emptyMetrics(vehicleId: string, day: string): DailyMetrics {
  return {
    vehicleId,
    day,
    drivingMs: 0,
    mileageM: 0,
    completeMileageM: 0,
    records: 0,
    validRecords: 0,
    lateRecords: 0,
    drift: 0,
    trackGaps: 0,
    overspeedEvents: 0,
    fatigueMs: 0,
    onlineMs: 0,
  };
}
