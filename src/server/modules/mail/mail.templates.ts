import { z } from 'zod';
import type { Locale } from '../../../shared/roles.ts';

// Templates live in code, typed: a template turns its data into structured content (heading, paragraphs, an
// action link), and one layout turns that into the text and HTML parts. Templates never write HTML themselves,
// so every piece of data is escaped in exactly one place (escapeHtml below).

export type Branding = {
  processorName: string;
  privacyContactEmail: string;
  // The Content-ID of the processor's logo when it has one; the delivery attaches the image under this id.
  logoCid: string | null;
};

export type MailContent = {
  subject: string;
  heading: string;
  greeting?: string | undefined;
  paragraphs: string[];
  action?: { label: string; url: string } | undefined;
  footnote?: string | undefined;
};

export type RenderedEmail = { subject: string; text: string; html: string };

export const logoContentId = 'processor-logo@art28';

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value), 'An action link must be an http(s) URL.');
const line = (max: number) => z.string().trim().min(1).max(max);

const noticeSchema = z.object({
  subject: line(200),
  heading: line(200).optional(),
  greeting: line(200).optional(),
  paragraphs: z.array(z.string().trim().min(1).max(5000)).min(1).max(30),
  action: z.object({ label: line(100), url: httpUrl }).optional(),
  footnote: line(1000).optional(),
});
export type NoticeData = z.input<typeof noticeSchema>;

const templates = {
  test: {
    data: z.object({ requestedBy: line(200) }),
    render: (data: { requestedBy: string }, locale: Locale, brand: Branding): MailContent =>
      locale === 'nl'
        ? {
            subject: `Testbericht van art28 (${brand.processorName})`,
            heading: 'De e-mailinstellingen werken',
            paragraphs: [
              `Dit testbericht is verstuurd door ${data.requestedBy} vanuit art28 van ${brand.processorName}.`,
              'Komt het aan, dan kan art28 uitnodigingen, wachtwoordherstel en meldingen per e-mail versturen.',
            ],
          }
        : {
            subject: `Test message from art28 (${brand.processorName})`,
            heading: 'The e-mail settings work',
            paragraphs: [
              `This test message was sent by ${data.requestedBy} from ${brand.processorName}'s art28.`,
              'If it arrives, art28 can send invitations, password resets and notices by e-mail.',
            ],
          },
  },
  // Staff or a customer-admin invited a customer contact to the portal (issue 5; link valid 7 days, single use).
  invite: {
    data: z.object({
      name: line(200),
      customerName: line(200),
      invitedBy: line(200),
      url: httpUrl,
      expiresOn: line(40),
    }),
    render: (
      data: { name: string; customerName: string; invitedBy: string; url: string; expiresOn: string },
      locale: Locale,
      brand: Branding,
    ): MailContent =>
      locale === 'nl'
        ? {
            subject: `Uitnodiging voor het privacyportaal van ${brand.processorName}`,
            heading: 'U bent uitgenodigd voor het privacyportaal',
            greeting: `Beste ${data.name},`,
            paragraphs: [
              `${data.invitedBy} nodigt u uit om namens ${data.customerName} het privacyportaal van ${brand.processorName} te gebruiken. Daar ziet u de verwerkersovereenkomst, het register van verwerkingen voor uw diensten, de sub-verwerkers en uw instructies.`,
              `Kies via de knop een wachtwoord. De link werkt één keer en tot en met ${data.expiresOn}.`,
            ],
            action: { label: 'Account aanmaken', url: data.url },
            footnote: 'Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.',
          }
        : {
            subject: `Invitation to ${brand.processorName}'s privacy portal`,
            heading: 'You are invited to the privacy portal',
            greeting: `Dear ${data.name},`,
            paragraphs: [
              `${data.invitedBy} invites you to use ${brand.processorName}'s privacy portal on behalf of ${data.customerName}. There you see the data processing agreement, the record of processing for your services, the sub-processors and your instructions.`,
              `Choose a password with the button below. The link works once, until ${data.expiresOn}.`,
            ],
            action: { label: 'Create account', url: data.url },
            footnote: 'Did you not expect this invitation? Then you can ignore this message.',
          },
  },
  'password-reset': {
    data: z.object({ name: line(200), url: httpUrl, validMinutes: z.number().int().positive() }),
    render: (data: { name: string; url: string; validMinutes: number }, locale: Locale): MailContent =>
      locale === 'nl'
        ? {
            subject: 'Nieuw wachtwoord instellen',
            heading: 'Nieuw wachtwoord instellen',
            greeting: `Beste ${data.name},`,
            paragraphs: [
              `Iemand heeft gevraagd het wachtwoord van uw account te herstellen. Via de knop kiest u een nieuw wachtwoord; de link werkt één keer en ${data.validMinutes} minuten lang.`,
            ],
            action: { label: 'Wachtwoord instellen', url: data.url },
            footnote:
              'Heeft u dit niet gevraagd? Dan blijft uw wachtwoord ongewijzigd en kunt u dit bericht negeren.',
          }
        : {
            subject: 'Set a new password',
            heading: 'Set a new password',
            greeting: `Dear ${data.name},`,
            paragraphs: [
              `Someone asked to reset the password of your account. Choose a new password with the button below; the link works once, for ${data.validMinutes} minutes.`,
            ],
            action: { label: 'Set password', url: data.url },
            footnote:
              'Did you not ask for this? Then your password stays as it is and you can ignore this message.',
          },
  },
  // The generic message later modules reuse (breach notices, DPA reminders, invitations): the caller supplies the
  // words in the recipient's language; the layout adds the processor's name, logo and footer.
  notice: {
    data: noticeSchema,
    render: (data: z.output<typeof noticeSchema>): MailContent => ({
      ...data,
      heading: data.heading ?? data.subject,
    }),
  },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<T extends TemplateName> = z.input<(typeof templates)[T]['data']>;
export const templateNames = Object.keys(templates) as TemplateName[];

export function isTemplateName(value: string): value is TemplateName {
  return Object.hasOwn(templates, value);
}

export function renderEmail<T extends TemplateName>(
  template: T,
  data: TemplateData<T>,
  locale: Locale,
  brand: Branding,
): RenderedEmail {
  const definition = templates[template];
  const parsed = definition.data.parse(data);
  const content = (definition.render as (d: unknown, l: Locale, b: Branding) => MailContent)(
    parsed,
    locale,
    brand,
  );
  return layout(content, locale, brand);
}

const frame = {
  nl: {
    fallback: 'Werkt de knop niet? Kopieer dan deze link naar uw browser:',
    sentBy: (name: string) => `Dit is een automatisch bericht van ${name}.`,
    privacy: (email: string) => `Vragen over privacy: ${email}`,
  },
  en: {
    fallback: 'If the button does not work, copy this link into your browser:',
    sentBy: (name: string) => `This is an automated message from ${name}.`,
    privacy: (email: string) => `Questions about privacy: ${email}`,
  },
} as const;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Paragraph text may hold line breaks (an address block); they stay line breaks in HTML.
const htmlText = (value: string) => escapeHtml(value).replaceAll(/\r?\n/g, '<br>');
// Subjects are one line: a newline there would be a header injection attempt or an accident.
const oneLine = (value: string) => value.replaceAll(/[\r\n]+/g, ' ').trim();

function layout(content: MailContent, locale: Locale, brand: Branding): RenderedEmail {
  const words = frame[locale];
  const subject = oneLine(content.subject);
  const footer = [
    words.sentBy(brand.processorName),
    brand.privacyContactEmail ? words.privacy(brand.privacyContactEmail) : null,
  ].filter((x): x is string => x !== null);

  const text = [
    content.heading,
    '',
    ...(content.greeting ? [content.greeting, ''] : []),
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    '-- ',
    ...footer,
  ].join('\n');

  const font = 'font-family:Arial,Helvetica,sans-serif;color:#1f2933;font-size:15px;line-height:1.5';
  const paragraph = (value: string) => `<p style="margin:0 0 14px">${htmlText(value)}</p>`;
  const logo = brand.logoCid
    ? `<img src="cid:${escapeHtml(brand.logoCid)}" alt="${escapeHtml(brand.processorName)}" style="max-height:48px;max-width:200px;border:0">`
    : `<span style="font-size:18px;font-weight:bold">${escapeHtml(brand.processorName)}</span>`;
  const action = content.action
    ? [
        '<p style="margin:20px 0">',
        `<a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1c7ed6;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px;font-weight:bold">${escapeHtml(content.action.label)}</a>`,
        '</p>',
        `<p style="margin:0 0 14px;font-size:13px;color:#52606d">${escapeHtml(words.fallback)}<br><a href="${escapeHtml(content.action.url)}" style="color:#1c7ed6;word-break:break-all">${escapeHtml(content.action.url)}</a></p>`,
      ].join('')
    : '';

  const html = [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7;${font}">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #dde1e6;border-radius:6px">',
    `<tr><td style="padding:20px 28px;border-bottom:1px solid #dde1e6">${logo}</td></tr>`,
    `<tr><td style="padding:24px 28px;${font}">`,
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${htmlText(content.heading)}</h1>`,
    content.greeting ? paragraph(content.greeting) : '',
    ...content.paragraphs.map(paragraph),
    action,
    content.footnote
      ? `<p style="margin:0 0 14px;font-size:13px;color:#52606d">${htmlText(content.footnote)}</p>`
      : '',
    '</td></tr>',
    `<tr><td style="padding:16px 28px;border-top:1px solid #dde1e6;font-size:12px;color:#52606d">${footer.map(htmlText).join('<br>')}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}
