// Pure rules of outbound mail: the retry schedule, SMTP connection URLs, sender addresses, error classes.

// After attempt n fails, the next one waits retryDelaysMinutes[n-1]; after maxAttempts the message is `failed`.
// 1 + 5 + 15 + 60 + 240 minutes: a message that cannot be delivered is marked failed (and visible to staff)
// about 5 h 20 min after it was queued — well inside the 72 hours of a breach notification (GDPR art. 33).
export const retryDelaysMinutes = [1, 5, 15, 60, 240] as const;
export const maxAttempts = retryDelaysMinutes.length + 1;
// How long a worker may hold a claimed message while it talks to the SMTP server.
export const claimLeaseMs = 10 * 60_000;

export function nextAttemptAt(attempt: number, failedAt: Date): Date | null {
  if (attempt >= maxAttempts) {
    return null;
  }
  const minutes = retryDelaysMinutes[Math.max(0, attempt - 1)] ?? retryDelaysMinutes.at(-1)!;
  return new Date(failedAt.getTime() + minutes * 60_000);
}

export const smtpSecurities = ['auto', 'starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurities)[number];

export type SmtpServer = {
  host: string;
  port: number;
  // auto: STARTTLS when the server offers it (nodemailer's default); starttls: required; tls: implicit (smtps);
  // none: never (a relay on localhost).
  security: SmtpSecurity;
  username: string;
  password: string;
};

export const defaultPort = (security: SmtpSecurity) => (security === 'tls' ? 465 : 587);

export function parseSmtpUrl(url: string): SmtpServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Not a URL: use smtp://user:password@host:587 or smtps://user:password@host:465.');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error('The URL must start with smtp:// or smtps://.');
  }
  if (!parsed.hostname) {
    throw new Error('The URL has no host.');
  }
  const flag = (name: string) => ['true', '1', 'yes'].includes(parsed.searchParams.get(name) ?? '');
  const security: SmtpSecurity =
    parsed.protocol === 'smtps:' || flag('secure')
      ? 'tls'
      : flag('requireTLS')
        ? 'starttls'
        : flag('ignoreTLS')
          ? 'none'
          : 'auto';
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : defaultPort(security),
    security,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

export const maskedPassword = '••••••';

export function formatSmtpUrl(server: SmtpServer, options: { maskPassword?: boolean } = {}): string {
  const scheme = server.security === 'tls' ? 'smtps' : 'smtp';
  const secret = server.password
    ? `:${options.maskPassword ? maskedPassword : encodeURIComponent(server.password)}`
    : '';
  const auth = server.username ? `${encodeURIComponent(server.username)}${secret}@` : '';
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  const query =
    server.security === 'starttls' ? '?requireTLS=true' : server.security === 'none' ? '?ignoreTLS=true' : '';
  return `${scheme}://${auth}${host}:${server.port}${query}`;
}

// What the API shows: never the password itself.
export const maskSmtpUrl = (server: SmtpServer) => formatSmtpUrl(server, { maskPassword: true });

export function nodemailerOptions(server: SmtpServer) {
  return {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.username ? { user: server.username, pass: server.password } : undefined,
    // A request that sends a test mail waits for this; a dead host must not hang it for nodemailer's 2 minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

// `Contict <privacy@contict.nl>` or a bare address; a bare one gets the processor's name as display name.
export function parseSender(value: string): { name: string | null; address: string } | null {
  const trimmed = value.trim();
  const angle = /^(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+)>$/.exec(trimmed);
  const name = angle ? angle[1]?.trim() || null : null;
  const address = angle ? angle[2]! : trimmed;
  return /^[^@\s<>",]+@[^@\s<>",]+\.[^@\s<>",]+$/.test(address) ? { name, address } : null;
}

export function senderOf(value: string, fallbackName: string): { name: string; address: string } {
  const parsed = parseSender(value);
  if (!parsed) {
    throw new Error(`Not a sender address: ${value}`);
  }
  return { name: parsed.name ?? fallbackName, address: parsed.address };
}

// A recipient refused with a 5xx (no such mailbox, policy) will be refused again: retrying only delays the
// `failed` status staff need to see. Everything else — a dead host, a 4xx, a login problem an admin can fix — retries.
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: number; command?: string; code?: string };
  return (
    typeof e?.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    (e.command === 'RCPT TO' || e.code === 'EENVELOPE')
  );
}

export function describeSmtpError(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; response?: string; command?: string };
  const text = (e?.response || e?.message || String(error)).replace(/\s+/g, ' ').trim();
  const where = e?.command ? ` (${e.command})` : '';
  return `${text}${where}`.slice(0, 1000);
}
