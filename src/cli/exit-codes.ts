/**
 * svcsim's exit codes. 3 means only that an objective failed (with --check), so a pipeline can
 * gate on it as on k6's thresholds; a busy destination is sysexits' EX_TEMPFAIL, "temporary
 * failure, the user is invited to retry".
 */
export const EXIT = {
  done: 0,
  badInput: 1,
  badCommandLine: 2,
  sloFailed: 3,
  busy: 75,
} as const;
