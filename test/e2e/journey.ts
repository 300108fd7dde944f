import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { type Clock, createFixedClock, systemClock } from '../../src/server/clock.ts';
import { type Ctx, systemActor } from '../../src/server/context.ts';
import { createTestDatabase } from '../../src/server/db/test-database.ts';
import { runJobNow } from '../../src/server/jobs/runtime.ts';
import { acceptInvite, inviteToPortal } from '../../src/server/modules/accounts/accounts.invites.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/server/modules/mail/mail.smtp-fixture.ts';
import { updateMailSettings } from '../../src/server/modules/mail/mail.usecases.ts';
import { seedRegister } from '../../src/server/modules/register/register.usecases.ts';
import { ensureProcessorProfile } from '../../src/server/modules/settings/settings.usecases.ts';
import type { CustomerRole } from '../../src/shared/roles.ts';
import { launchChromium } from './browser.ts';

// One browser journey: a real app on PGlite listening on a free port (with the processor and the Annex 1 register
// that main.ts seeds at every start), Chromium, sign-in through the login page, screenshots in test-results/, and
// optionally a real SMTP server in this process and a fixed clock that the server and every browser share.

const shots = path.resolve('test-results');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

// The whole page from the top (a page scrolled to an anchor would draw its sticky header mid-page); a dialog as
// the viewport shows it.
export async function shot(page: Page, name: string, fullPage = true) {
  if (fullPage) {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  // animations off: a dialog is shot as it stands, not while it fades in
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });
}

// A failing test leaves the page as it was in test-results/<name>.png; call done() once the journey is through.
export function shotOnFailure(t: TestContext, page: () => Page, name: string) {
  let finished = false;
  t.after(async () => {
    const current = page();
    if (!finished && !current.isClosed()) {
      await shot(current, name).catch(() => undefined);
    }
  });
  return {
    done: () => {
      finished = true;
    },
  };
}

export type JourneyOptions = {
  // A fixed instant (ISO) for the server and every browser page; moved on with journey.advance(). Without it both
  // run on the real clock.
  now?: string;
  // A real SMTP server in this process, set as the app's mail server (the mail settings an admin would save).
  smtp?: boolean;
  // Folders whose files an admin or the privacy officer may have scanned in place (ART28_SCAN_ROOTS).
  scanRoots?: readonly string[];
};

export type SignedIn = { context: BrowserContext; page: Page; problems: string[] };

export async function startJourney(options: JourneyOptions = {}) {
  const database = await createTestDatabase('pglite');
  const fixed = options.now ? createFixedClock(options.now) : null;
  const clock: Clock = fixed ?? systemClock;
  const ctx: Ctx = { db: database.db, clock, actor: systemActor };
  await ensureProcessorProfile(ctx);
  await seedRegister(ctx);
  let smtp: TestSmtpServer | null = null;
  if (options.smtp) {
    smtp = await startTestSmtpServer();
    await updateMailSettings(ctx, {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: '' },
      mailFrom: 'Privacy <privacy@contict.nl>',
    });
  }
  const app = await createApp(
    {
      db: database.db,
      clock,
      engine: 'pglite',
      secureCookies: false,
      publicUrl: 'http://localhost',
      scanRoots: options.scanRoots,
    },
    // errors only: a 500 then shows its stack in the test output
    { logger: { level: 'error' } },
  );
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  fs.mkdirSync(shots, { recursive: true });

  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];

  // Chromium, launched once; null (and the test skipped loudly) when there is none, see browser.ts.
  async function launch(t: TestContext) {
    browser ??= await launchChromium(t);
    return browser;
  }

  // A browser of its own (cookies, clock) with a page that records server errors and console errors; 4xx in the
  // console are the app's own handled answers (the session probe, refused input).
  async function openPage(
    t: TestContext,
    options: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
  ): Promise<SignedIn | null> {
    const current = await launch(t);
    if (!current) {
      return null;
    }
    const context = await current.newContext({
      viewport: options.viewport ?? { width: 1360, height: 900 },
      locale: 'nl-NL',
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
    if (fixed) {
      await context.clock.setFixedTime(fixed.now());
    }
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 500) {
        problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) {
        problems.push(m.text());
      }
    });
    return { context, page, problems };
  }

  // Signs in through the login page; `landing` is where the app sends this user (the portal, or the staff home).
  async function signIn(
    t: TestContext,
    email: string,
    password: string,
    landing: RegExp = /\/portal$/,
  ): Promise<SignedIn | null> {
    const opened = await openPage(t);
    if (!opened) {
      return null;
    }
    const { page } = opened;
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(landing);
    return opened;
  }

  // A portal account made the way a real one is: staff invite, the person accepts the link.
  async function addPortalUser(
    customerId: string,
    user: { email: string; name: string; role: CustomerRole; password: string },
  ) {
    const { token } = await inviteToPortal(ctx, { publicUrl: 'http://localhost' }, customerId, {
      email: user.email,
      name: user.name,
      role: user.role,
    });
    await acceptInvite(
      ctx,
      token,
      { name: user.name, password: user.password },
      { ip: null, userAgent: null },
    );
    return user.email;
  }

  // Moves the fixed clock on, on the server and in every open browser.
  async function advance(ms: number) {
    assert.ok(fixed, 'advance() needs a journey started with a fixed clock (options.now)');
    fixed.advance(ms);
    for (const context of contexts) {
      await context.clock.setFixedTime(fixed.now());
    }
  }

  // What the mail.deliver job does every minute (and at once when the job runtime runs in the process): hand the
  // queued messages to the SMTP server. Returns the messages that server received for `to`, oldest first.
  async function deliverMail(to?: string) {
    assert.ok(smtp, 'deliverMail() needs a journey started with options.smtp');
    await runJobNow('mail.deliver', { db: database.db, clock, log: silent });
    return to ? smtp.received.filter((m) => m.envelopeTo.includes(to)) : smtp.received;
  }

  return {
    db: database.db,
    ctx,
    clock,
    base,
    get smtp() {
      assert.ok(smtp, 'this journey has no SMTP server (options.smtp)');
      return smtp;
    },
    launch,
    openPage,
    signIn,
    addPortalUser,
    advance,
    deliverMail,
    close: async () => {
      await browser?.close();
      await app.close();
      await smtp?.close();
      await database.close();
    },
  };
}

export type Journey = Awaited<ReturnType<typeof startJourney>>;
