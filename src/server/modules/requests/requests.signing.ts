import {
  createPrivateKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { isIP } from 'node:net';
import { eq } from 'drizzle-orm';
import forge from 'node-forge';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTx } from '../../db/database.ts';
import { seal, unseal } from '../../keys.ts';
import { opendsrKeys } from './requests.table.ts';

// OpenDSR v2.0 §4: responses and status callbacks carry `X-OpenDSR-Signature`, a Base64 signature over the SHA-256
// digest of the raw body, made with the key of the certificate served at `processor_certificate` (discovery).
// We sign with RSA PKCS#1 v1.5 over SHA-256 (FIPS 186-4 §5): every controller's TLS stack verifies it, and Node
// makes the 2048-bit key natively. node-forge only builds the self-signed X.509 wrapper around it (Node's crypto
// cannot create certificates). A CA-issued pair from settings (ART28_OPENDSR_CERT_FILE/_KEY_FILE) replaces the
// self-signed one at start: the spec forbids self-signed certificates in production (§4.1).
export const signatureAlgorithm = 'RSA PKCS#1 v1.5 with SHA-256';
const selfSignedYears = 2;

export type Signer = {
  domain: string;
  source: 'self-signed' | 'configured';
  certificatePem: string;
  sign: (body: string) => string;
};

type Env = { dataKey: Buffer; publicUrl: string; clock: Clock };

// The domain in `X-OpenDSR-Processor-Domain`: the host of ART28_PUBLIC_URL, where the certificate is served.
export function processorDomain(publicUrl: string) {
  return new URL(publicUrl).hostname;
}

// statusChanged runs inside a use case's transaction and is handed no keys; the app and the job runtime register
// theirs per database here, so a callback can be composed and signed in that transaction.
const envs = new WeakMap<Db, Env>();
const signers = new WeakMap<Db, Signer>();

export function registerOpendsrEnv(db: Db, env: Env) {
  envs.set(db, env);
}

export const opendsrEnvOf = (db: Db) => envs.get(db);

function signerOf(row: typeof opendsrKeys.$inferSelect, env: Env): Signer {
  const key = createPrivateKey(unseal(env.dataKey, row.privateKeySealed));
  return {
    domain: processorDomain(env.publicUrl),
    source: row.source,
    certificatePem: row.certificatePem,
    sign: (body) => createSign('sha256').update(body, 'utf8').sign(key, 'base64'),
  };
}

export function verifySignature(certificatePem: string, body: string, signature: string) {
  return createVerify('sha256')
    .update(body, 'utf8')
    .verify(new X509Certificate(certificatePem).publicKey, signature, 'base64');
}

// A self-signed certificate for local use: subject and SAN are the processor domain (§8.3: the signing certificate
// is issued for the domain in X-OpenDSR-Processor-Domain).
export function createSelfSigned(domain: string, now: Date) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // a positive serial of 16 random bytes (RFC 5280 §4.1.2.2)
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + selfSignedYears * 365 * 86_400_000);
  const subject = [
    { name: 'commonName', value: domain },
    { name: 'organizationName', value: 'art28 (self-signed, not for production)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    {
      name: 'subjectAltName',
      altNames: [isIP(domain) ? { type: 7, ip: domain } : { type: 2, value: domain }],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: privateKey };
}

// A configured (CA-issued) pair must belong together and be RSA or EC; checked before anything is stored.
export function checkKeyPair(certificatePem: string, privateKeyPem: string) {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    throw new Error('ART28_OPENDSR_CERT_FILE does not hold a PEM X.509 certificate.');
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error('ART28_OPENDSR_KEY_FILE does not hold an unencrypted PEM private key.');
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new Error('The OpenDSR private key does not belong to the certificate.');
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new Error('The OpenDSR key must be RSA or EC (FIPS 186-4).');
  }
  return { certificate, privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

// Production: the CA-issued certificate and key from settings replace whatever is stored (source 'configured').
export async function installConfiguredKey(
  db: Db,
  env: Env,
  files: { certificatePem: string; privateKeyPem: string },
) {
  const { certificate, privateKeyPem } = checkKeyPair(files.certificatePem, files.privateKeyPem);
  const domain = processorDomain(env.publicUrl);
  if (!(isIP(domain) ? certificate.checkIP(domain) : certificate.checkHost(domain))) {
    throw new Error(`The OpenDSR certificate is not issued for ${domain}, the host of ART28_PUBLIC_URL.`);
  }
  const [current] = await db.select().from(opendsrKeys).where(eq(opendsrKeys.id, 1));
  if (current?.source === 'configured' && current.certificatePem.trim() === files.certificatePem.trim()) {
    return;
  }
  const row = {
    id: 1,
    source: 'configured' as const,
    certificatePem: files.certificatePem.trim(),
    privateKeySealed: seal(env.dataKey, privateKeyPem),
    createdAt: env.clock.now(),
  };
  await db.insert(opendsrKeys).values(row).onConflictDoUpdate({ target: opendsrKeys.id, set: row });
  signers.delete(db);
}

function stillGood(row: typeof opendsrKeys.$inferSelect, domain: string, now: Date) {
  if (row.source === 'configured') {
    return true;
  }
  const certificate = new X509Certificate(row.certificatePem);
  const fits = isIP(domain) ? certificate.checkIP(domain) : certificate.checkHost(domain);
  return fits !== undefined && new Date(certificate.validTo) > now;
}

// The signer, made on first use: a self-signed pair when nothing is stored (or the stored self-signed one no longer
// fits the public URL or has expired). Run outside a transaction, so the new key is committed before anything is
// signed with it.
export async function ensureSigner(db: Db, env: Env): Promise<Signer> {
  registerOpendsrEnv(db, env);
  const cached = signers.get(db);
  if (cached) {
    return cached;
  }
  const domain = processorDomain(env.publicUrl);
  const now = env.clock.now();
  let [row] = await db.select().from(opendsrKeys).where(eq(opendsrKeys.id, 1));
  if (!row || !stillGood(row, domain, now)) {
    const made = createSelfSigned(domain, now);
    const fresh = {
      id: 1,
      source: 'self-signed' as const,
      certificatePem: made.certificatePem,
      privateKeySealed: seal(env.dataKey, made.privateKeyPem),
      createdAt: now,
    };
    if (row) {
      await db.update(opendsrKeys).set(fresh).where(eq(opendsrKeys.id, 1));
    } else {
      // two first uses at once: the second keeps the first one's pair
      await db.insert(opendsrKeys).values(fresh).onConflictDoNothing();
    }
    [row] = await db.select().from(opendsrKeys).where(eq(opendsrKeys.id, 1));
  }
  const signer = signerOf(row!, env);
  signers.set(db, signer);
  return signer;
}

// Inside a transaction: the stored signer if there is one (never creates a key there). Null means the job signs
// the message before it sends it.
export async function storedSigner(tx: DbOrTx, db: Db): Promise<Signer | null> {
  const env = envs.get(db);
  if (!env) {
    return null;
  }
  const cached = signers.get(db);
  if (cached) {
    return cached;
  }
  const [row] = await tx.select().from(opendsrKeys).where(eq(opendsrKeys.id, 1));
  return row ? signerOf(row, env) : null;
}
