import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  ART28_DATA_DIR: z.string().default('./data'),
  ART28_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  ART28_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  ART28_JOBS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  // The address people open art28 at; invite and password-reset links in e-mails point here. Links are never built
  // from the request's Host header, which an attacker controls (reset-link poisoning).
  ART28_PUBLIC_URL: z.string().url().optional(),
  // 32 bytes in base64 (openssl rand -base64 32); without it the key is kept in ART28_DATA_DIR/data.key (keys.ts)
  ART28_DATA_KEY: z.string().optional(),
  // OpenDSR status callbacks to loopback/private addresses are refused (SSRF) unless set to allow
  ART28_OPENDSR_PRIVATE_CALLBACKS: z.enum(['allow', 'deny']).default('deny'),
  // OpenDSR (issue 9): the CA-issued certificate and its unencrypted private key (PEM files) that sign responses and
  // callbacks; without them art28 makes a self-signed pair on first start, which the spec allows only for testing
  ART28_OPENDSR_CERT_FILE: z.string().min(1).optional(),
  ART28_OPENDSR_KEY_FILE: z.string().min(1).optional(),
  // Issue 10: directories on the server whose files staff may scan for a breach (path-delimited, like PATH). Unset:
  // no server paths at all, only uploads — the server's own files (the data key, the database) stay out of reach.
  ART28_SCAN_ROOTS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

// Outbound mail. Unset SMTP_URL is the embedded default: messages wait in the app's outbox. An admin can override
// both in the settings page (mail module); these are the defaults it falls back to.
const mailEnvSchema = z.object({
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .url({ protocol: /^smtps?$/, error: 'Use smtp://user:password@host:587 or smtps://…@host:465.' })
        .optional(),
    ),
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .refine((v) => v === '' || /^[^\r\n]*@[^\r\n]+$/.test(v), 'Use an address like privacy@contict.nl.')
    .optional()
    .transform((v) => v || undefined),
});

export type MailEnvironment = { smtpUrl: string | undefined; mailFrom: string | undefined };

export function loadMailEnvironment(env: NodeJS.ProcessEnv = process.env): MailEnvironment {
  const parsed = mailEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { smtpUrl: parsed.data.SMTP_URL, mailFrom: parsed.data.MAIL_FROM };
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  jobsEnabled: boolean;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataKeyValue: string | undefined;
  allowPrivateCallbacks: boolean;
  opendsr: { certFile: string; keyFile: string } | null;
  scanRoots: string[];
  mail: MailEnvironment;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  if ((e.ART28_OPENDSR_CERT_FILE === undefined) !== (e.ART28_OPENDSR_KEY_FILE === undefined)) {
    throw new Error('Set both ART28_OPENDSR_CERT_FILE and ART28_OPENDSR_KEY_FILE, or neither.');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ART28_DATA_DIR),
    trustProxy: e.ART28_TRUST_PROXY,
    bodyLimitBytes: e.ART28_BODY_LIMIT_BYTES,
    jobsEnabled: e.ART28_JOBS,
    publicUrl: (e.ART28_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    dataKeyValue: e.ART28_DATA_KEY,
    allowPrivateCallbacks: e.ART28_OPENDSR_PRIVATE_CALLBACKS === 'allow',
    opendsr:
      e.ART28_OPENDSR_CERT_FILE && e.ART28_OPENDSR_KEY_FILE
        ? {
            certFile: path.resolve(e.ART28_OPENDSR_CERT_FILE),
            keyFile: path.resolve(e.ART28_OPENDSR_KEY_FILE),
          }
        : null,
    scanRoots: (e.ART28_SCAN_ROOTS ?? '')
      .split(path.delimiter)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => path.resolve(p)),
    // Checked here so a mistyped SMTP_URL stops the server at start instead of at the first message.
    mail: loadMailEnvironment(env),
  };
}
