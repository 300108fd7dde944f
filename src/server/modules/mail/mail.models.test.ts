import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatSmtpUrl,
  isPermanentFailure,
  maskSmtpUrl,
  maxAttempts,
  nextAttemptAt,
  parseSender,
  parseSmtpUrl,
  senderOf,
} from './mail.models.ts';
import { escapeHtml, logoContentId, renderEmail } from './mail.templates.ts';

const at = new Date('2026-03-02T09:00:00Z');
const minutesAfter = (d: Date | null) => (d ? (d.getTime() - at.getTime()) / 60_000 : null);

describe('retry schedule', () => {
  test('waits 1, 5, 15, 60 and 240 minutes, then gives up after the sixth attempt', () => {
    assert.equal(maxAttempts, 6);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => minutesAfter(nextAttemptAt(attempt, at))),
      [1, 5, 15, 60, 240, null],
    );
  });
});

describe('SMTP URLs', () => {
  test('read scheme, credentials, port and TLS mode', () => {
    assert.deepEqual(parseSmtpUrl('smtp://mailer%40contict.nl:p%40ss%3Aword@mail.contict.nl:587'), {
      host: 'mail.contict.nl',
      port: 587,
      security: 'auto',
      username: 'mailer@contict.nl',
      password: 'p@ss:word',
    });
    assert.equal(parseSmtpUrl('smtps://relay.example').port, 465);
    assert.equal(parseSmtpUrl('smtps://relay.example').security, 'tls');
    assert.equal(parseSmtpUrl('smtp://relay.example').port, 587);
    assert.equal(parseSmtpUrl('smtp://localhost:25?ignoreTLS=true').security, 'none');
    assert.equal(parseSmtpUrl('smtp://h?requireTLS=true').security, 'starttls');
    assert.throws(() => parseSmtpUrl('http://h'), /smtp:\/\/ or smtps:\/\//);
  });

  test('round-trip through format, and the mask hides only the password', () => {
    const server = parseSmtpUrl('smtp://u%20ser:s3cret%2F@[::1]:2525?requireTLS=true');
    assert.deepEqual(parseSmtpUrl(formatSmtpUrl(server)), server);
    const masked = maskSmtpUrl(server);
    assert.doesNotMatch(masked, /s3cret/);
    assert.equal(masked, 'smtp://u%20ser:••••••@[::1]:2525?requireTLS=true');
    assert.equal(maskSmtpUrl(parseSmtpUrl('smtp://relay:25')), 'smtp://relay:25');
  });
});

describe('senders', () => {
  test('a bare address takes the processor name; a display name is kept', () => {
    assert.deepEqual(senderOf('privacy@contict.nl', 'Contict'), {
      name: 'Contict',
      address: 'privacy@contict.nl',
    });
    assert.deepEqual(senderOf('"Contict Privacy" <privacy@contict.nl>', 'Contict'), {
      name: 'Contict Privacy',
      address: 'privacy@contict.nl',
    });
    assert.equal(parseSender('not an address'), null);
    assert.equal(parseSender('a@b.nl, c@d.nl'), null);
  });
});

describe('failures', () => {
  test('only a 5xx on the recipient is permanent', () => {
    assert.equal(isPermanentFailure({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }), true);
    assert.equal(isPermanentFailure({ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }), false);
    assert.equal(isPermanentFailure({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }), false);
    assert.equal(isPermanentFailure({ code: 'ECONNECTION' }), false);
  });
});

describe('templates', () => {
  const brand = { processorName: 'Contict & Co', privacyContactEmail: 'privacy@contict.nl', logoCid: null };

  test('escape every piece of data in the HTML part and keep the text part plain', () => {
    const rendered = renderEmail(
      'notice',
      {
        subject: 'Melding <b>1</b>\r\nBcc: x@y.nl',
        paragraphs: ['<script>alert(1)</script>', 'Regel 1\nRegel 2'],
        action: { label: 'Open "het" dossier', url: 'https://art28.example/x?a=1&b=<2>' },
      },
      'nl',
      brand,
    );
    assert.equal(rendered.subject, 'Melding <b>1</b> Bcc: x@y.nl');
    assert.doesNotMatch(rendered.html, /<script>|<b>1<\/b>/);
    assert.match(rendered.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(rendered.html, /Regel 1<br>Regel 2/);
    assert.match(rendered.html, /href="https:\/\/art28\.example\/x\?a=1&amp;b=&lt;2&gt;"/);
    assert.match(rendered.html, /Contict &amp; Co/);
    assert.match(rendered.text, /<script>alert\(1\)<\/script>/);
    assert.match(rendered.text, /Open "het" dossier: https:\/\/art28\.example\/x\?a=1&b=<2>/);
    assert.match(rendered.text, /Dit is een automatisch bericht van Contict & Co\./);
    assert.match(rendered.text, /Vragen over privacy: privacy@contict\.nl/);
  });

  test('refuse an action link that is not http(s)', () => {
    assert.throws(() =>
      renderEmail(
        'notice',
        { subject: 'x', paragraphs: ['y'], action: { label: 'z', url: 'javascript:alert(1)' } },
        'en',
        brand,
      ),
    );
  });

  test('speak Dutch and English and show the logo by Content-ID', () => {
    const nl = renderEmail('test', { requestedBy: 'femke@contict.nl' }, 'nl', {
      ...brand,
      logoCid: logoContentId,
    });
    const en = renderEmail('test', { requestedBy: 'femke@contict.nl' }, 'en', brand);
    assert.equal(nl.subject, 'Testbericht van art28 (Contict & Co)');
    assert.equal(en.subject, 'Test message from art28 (Contict & Co)');
    assert.match(nl.html, /<html lang="nl">/);
    assert.match(nl.html, new RegExp(`src="cid:${logoContentId}"`));
    assert.doesNotMatch(en.html, /cid:/);
    assert.equal(escapeHtml(`'"`), '&#39;&quot;');
  });
});
