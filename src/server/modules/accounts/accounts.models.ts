import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id; the costs are OWASP's baseline (m=19 MiB, t=2, p=1). The test asserts the
// stored hash says $argon2id$.
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const minPasswordLength = 12;

export const hashPassword = (password: string) => hash(password, argonOptions);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the e-mail address is unknown, so a failed login takes as long either way and does not
// reveal which addresses have accounts.
export const decoyPasswordHash = await hashPassword(randomBytes(16).toString('hex'));

export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

// Session and API tokens carry 256 random bits, so a fast hash is enough to store them (unlike passwords).
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const apiTokenPrefix = 'a28_';
export const newApiToken = () => `${apiTokenPrefix}${newSecret()}`;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export function isSessionExpired(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy,
): boolean {
  return (
    now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() > policy.idleMinutes * 60_000
  );
}

export type LockoutPolicy = { maxAttempts: number; lockoutMinutes: number };

export function isLocked(user: { lockedUntil: Date | null }, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}
