/** Password rules, in one place. Length over composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** Failed logins in a row that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export function passwordAcceptable(password: string, username: string): boolean {
  return (
    password.length >= PASSWORD_MIN_LENGTH &&
    password.length <= PASSWORD_MAX_LENGTH &&
    password.toLowerCase() !== username.toLowerCase()
  );
}

/** Failure counter after one more wrong password, and the lock it earns, if any. */
export function afterFailedLogin(
  failedCount: number,
  now: Date,
): { failedCount: number; lockedUntil: Date | null } {
  const next = failedCount + 1;
  if (next >= LOCKOUT_THRESHOLD) {
    return { failedCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  }
  return { failedCount: next, lockedUntil: null };
}
