import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in the test process (smtp-server on a free loopback port, plain text, no STARTTLS), and a small
// MIME reader so tests assert on what a mail server actually received.

export type ReceivedPart = {
  headers: Map<string, string>;
  contentType: string;
  body: Buffer;
  parts: ReceivedPart[];
};

export type ReceivedMail = {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { contentType: string; cid: string | null; filename: string | null; content: Buffer }[];
};

export type SmtpRejection = { code: number; message: string } | null;

export async function startTestSmtpServer(options: { username?: string; password?: string } = {}) {
  const received: ReceivedMail[] = [];
  let rejectRecipient: (address: string) => SmtpRejection = () => null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !options.username,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.username && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      const rejection = rejectRecipient(address.address);
      if (rejection) {
        callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        received.push(readMail(raw, session.envelope));
        callback(null, 'Queued as test');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.username
    ? `${encodeURIComponent(options.username)}:${encodeURIComponent(options.password ?? '')}@`
    : '';
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    rejectRecipients: (rule: (address: string) => SmtpRejection) => {
      rejectRecipient = rule;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;

function readMail(
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
): ReceivedMail {
  const root = readPart(raw);
  const leaves: ReceivedPart[] = [];
  const walk = (part: ReceivedPart) => (part.parts.length > 0 ? part.parts.forEach(walk) : leaves.push(part));
  walk(root);
  const isAttachment = (p: ReceivedPart) =>
    Boolean(p.headers.get('content-id')) ||
    /attachment|inline/.test(p.headers.get('content-disposition') ?? '');
  const textOf = (type: string) =>
    leaves.find((p) => p.contentType === type && !isAttachment(p))?.body.toString('utf8') ?? '';
  return {
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    envelopeTo: envelope.rcptTo.map((r) => r.address),
    raw,
    headers: root.headers,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    text: textOf('text/plain'),
    html: textOf('text/html'),
    attachments: leaves.filter(isAttachment).map((p) => ({
      contentType: p.contentType,
      cid: p.headers.get('content-id')?.replace(/^<|>$/g, '') ?? null,
      filename: /filename="?([^";]+)"?/.exec(p.headers.get('content-disposition') ?? '')?.[1] ?? null,
      content: p.body,
    })),
  };
}

function readPart(raw: string): ReceivedPart {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const contentType = type.split(';')[0]!.trim().toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (contentType.startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    const parts = sections
      .filter((section) => !section.startsWith('--'))
      .map((section) => readPart(section.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    return { headers, contentType, body: Buffer.alloc(0), parts };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            'latin1',
          )
        : Buffer.from(body, 'latin1');
  return { headers, contentType, body: bytes, parts: [] };
}

// RFC 2047 encoded words: =?UTF-8?Q?…?= and =?UTF-8?B?…?=.
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
