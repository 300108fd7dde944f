import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The data key seals what must not sit in the database in the clear: the identities of a data subject request
// (issue 9) and the OpenDSR signing key. It lives outside the database — in ART28_DATA_KEY, or for the embedded
// default in a file next to it — so a database dump alone reveals neither.
export const dataKeyBytes = 32;

export function parseDataKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== dataKeyBytes) {
    throw new Error(`ART28_DATA_KEY must be ${dataKeyBytes} bytes in base64 (openssl rand -base64 32).`);
  }
  return key;
}

export function loadDataKey(options: { envValue: string | undefined; dataDir: string }): {
  key: Buffer;
  source: 'env' | 'file' | 'created';
} {
  if (options.envValue) {
    return { key: parseDataKey(options.envValue), source: 'env' };
  }
  const file = path.join(options.dataDir, 'data.key');
  if (existsSync(file)) {
    return { key: parseDataKey(readFileSync(file, 'utf8')), source: 'file' };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(dataKeyBytes);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: 'created' };
}

// AES-256-GCM; the envelope is "v1.<iv>.<tag>.<ciphertext>" in base64url, so a later key rotation can add v2.
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function unseal(key: Buffer, envelope: string): string {
  const [version, iv, tag, body] = envelope.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new Error('Not a sealed value this version of art28 can open.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
