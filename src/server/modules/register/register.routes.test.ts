import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import type { EntryView } from './register.schemas.ts';
import { seedRegister } from './register.usecases.ts';

// Annex 1 as the agreement prints it: Type dienst | Type persoonsgegevens | Bewaartermijn | Verwerkt door Contict |
// Sub-verwerker. Transcribed by hand from the agreement, independently of the seed file.
const standard = 'Tot moment van opzeggen + 1 maand';
const cdr = '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand';
const profiles = 'Gebruikersprofielen (Naam, achternaam & e-mailadres)';
const annex1 = [
  ['Administratie', 'Contactgegevens bevoegde contactpersonen', standard, 'Ja', 'AFAS, Clientele, Dynamics'],
  [
    'Administratie',
    'Contractinformatie inclusief uittreksel Kamer van Koophandel',
    standard,
    'Ja',
    'AFAS, Clientele, Dynamics',
  ],
  ['Administratie', 'Adresgegevens', standard, 'Ja', 'AFAS, Clientele, Dynamics'],
  ['Administratie', 'IBAN', standard, 'Ja', 'AFAS, Dynamics'],
  ['Administratie', 'Telefoonnummer', standard, 'Ja', 'AFAS, Clientele, Dynamics'],
  ['VoIP', profiles, standard, 'Ja', 'Enreach/Routit'],
  ['VoIP', 'Call Detail Records', cdr, 'Nee', 'Enreach/Routit'],
  ['VoIP', 'Contacten in Broadworks', standard, 'Nee', 'Enreach/Routit'],
  ['VoIP', 'Gebruiksstatistieken', standard, 'Nee', 'Enreach/Routit'],
  ['VoIP', 'IP-adres', standard, 'Nee', 'Enreach/Routit'],
  ['VoIP', 'MAC-adres', standard, 'Ja', 'Enreach/Routit'],
  ['VoIP', 'E-mailadres', standard, 'Ja', 'Enreach/Routit'],
  ['Mobiel', 'Simkaartnummer', standard, 'Nee', 'Mobiele provider'],
  ['Mobiel', 'Telefoonnummer', standard, 'Nee', 'Mobiele provider'],
  ['Mobiel', 'IMEI nummer', standard, 'Ja', 'Mobiele provider'],
  ['Mobiel', 'Call Detail Records', cdr, 'Nee', 'Mobiele provider'],
  ['Cloud', 'Office 365 Back-up', standard, 'Ja', 'Solarwinds Cove, AFAS'],
  ['Cloud', profiles, standard, 'Ja', 'Microsoft, AFAS'],
  ['Cloud', 'Mailboxen (Naam, e-mailadres eindklant, metadata e-mail).', standard, 'Nee', 'Microsoft'],
  ['Security', profiles, standard, 'Ja', 'Fortinet'],
  ['Security', 'Gebruikersstatistieken', standard, 'Ja', 'Fortinet'],
  ['Security', 'IP-adres', standard, 'Nee', 'Fortinet'],
  ['Security', 'MAC-adres', standard, 'Nee', 'Fortinet'],
  ['Security', profiles, standard, 'Ja', 'Phished'],
  ['Security', 'Gebruikersstatistieken', standard, 'Ja', 'Phished'],
];

type View = {
  version: { version: number } | null;
  serviceLines: { code: string; nameNl: string; purposeNl: string }[];
  parties: { id: string; name: string }[];
  entries: EntryView[];
};

for (const engine of testEngines()) {
  describe(`register of processing (${engine})`, () => {
    let t: TestApp;
    let officer: Record<string, string>;
    const get = async (url: string) => {
      const response = await t.app.inject({ url, headers: officer });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<View>();
    };
    const send = (method: 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: officer,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const versionCount = async () =>
      (await t.app.inject({ url: '/api/v1/register/versions', headers: officer })).json<{ total: number }>()
        .total;
    const entryOf = (view: View, service: string, dataType: string) =>
      view.entries.find((e) => e.serviceLine === service && e.dataTypeNl === dataType)!;
    const partyId = (view: View, name: string) => view.parties.find((p) => p.name === name)!.id;
    const bodyOf = (e: EntryView) => ({
      serviceLine: e.serviceLine,
      dataTypeNl: e.dataTypeNl,
      dataTypeEn: e.dataTypeEn,
      dataCategories: e.dataCategories,
      dataSubjects: e.dataSubjects,
      processedByProcessor: e.processedByProcessor,
      processorRole: e.processorRole,
      retentionRule: e.retentionRule,
      subprocessorIds: e.subprocessors.map((s) => s.id),
    });

    // Time passes between the steps of the story; a session would expire over it, so the officer signs in again.
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      officer = (await t.signInAs('privacy-officer')).headers;
    };

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      officer = (await t.signInAs('privacy-officer')).headers;
    });
    after(() => t.close());

    test('a fresh install holds Annex 1: the 25 rows with the agreement’s values, in its order', async () => {
      const view = await get('/api/v1/register');
      const lines = new Map(view.serviceLines.map((l) => [l.code, l.nameNl]));
      assert.deepEqual(
        view.entries.map((e) => [
          lines.get(e.serviceLine),
          e.dataTypeNl,
          e.retentionNl,
          e.processedByProcessor ? 'Ja' : 'Nee',
          e.subprocessors.map((s) => s.name).join(', '),
        ]),
        annex1,
      );
      assert.equal(view.version?.version, 1);
      const count = (code: string) => view.entries.filter((e) => e.serviceLine === code).length;
      assert.deepEqual(
        ['administratie', 'voip', 'mobiel', 'cloud', 'security', 'connectivity'].map(count),
        [5, 7, 4, 3, 6, 0],
      );
      const connectivity = view.serviceLines.find((l) => l.code === 'connectivity');
      assert.equal(connectivity?.purposeNl, 'Het leveren van een beheerde internetdienst.');
      assert.deepEqual(entryOf(view, 'voip', 'Call Detail Records').retentionRule, {
        kind: 'firstOf',
        rules: [
          { kind: 'rolling', months: 6, action: 'overwrite' },
          { kind: 'untilAgreementEndPlus', months: 1 },
        ],
      });
      assert.ok(
        view.entries
          .filter((e) => e.serviceLine === 'administratie')
          .every((e) => e.processorRole === 'controller'),
      );
      assert.ok(
        view.entries
          .filter((e) => e.serviceLine !== 'administratie')
          .every((e) => e.processorRole === 'processor'),
      );

      assert.equal(await seedRegister(t.ctx), null, 'a second start seeds nothing');
      assert.equal(await versionCount(), 1);
      const audit = await t.app.inject({
        url: '/api/v1/audit/events?action=register.seeded',
        headers: officer,
      });
      assert.equal(audit.json().items[0].after.entries, 25);
      assert.equal(audit.json().items[0].actorKind, 'system');
    });

    test('filters by sub-processor, data category, retention kind and service line', async () => {
      const count = async (query: string) => (await get(`/api/v1/register?${query}`)).entries.length;
      assert.equal(await count('subprocessor=AFAS'), 7);
      assert.equal(await count('subprocessor=clientele'), 4);
      const view = await get('/api/v1/register');
      assert.equal(await count(`subprocessor=${partyId(view, 'Phished')}`), 2);
      assert.equal(await count('dataCategory=telecom.cdr'), 2);
      assert.equal(await count('dataCategory=network.ip'), 2);
      assert.equal(await count('retention=rolling'), 2);
      assert.equal(await count('retention=firstOf'), 2);
      assert.equal(await count('retention=untilAgreementEndPlus'), 25);
      assert.equal(await count('retention=legal'), 0);
      assert.equal(await count('serviceLine=security&subprocessor=Fortinet'), 4);
      const bad = await t.app.inject({ url: '/api/v1/register?dataCategory=health', headers: officer });
      assert.equal(errorOf(bad).field, 'querystring.dataCategory');
    });

    test('editing a row’s retention makes a new version; the date before it shows the old value; it is audited', async () => {
      await moveTo('2026-05-02T10:00:00Z');
      const before = entryOf(await get('/api/v1/register'), 'voip', 'IP-adres');
      const response = await send('PUT', `/api/v1/register/entries/${before.id}`, {
        ...bodyOf(before),
        retentionRule: { kind: 'rolling', months: 3, action: 'delete' },
        revision: before.revision,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().retentionNl, '3 maanden, daarna verwijderd');
      assert.equal(response.json().revision, 2);

      const now = await get('/api/v1/register');
      assert.equal(now.version?.version, 2);
      assert.equal(entryOf(now, 'voip', 'IP-adres').retentionNl, '3 maanden, daarna verwijderd');
      const then = await get('/api/v1/register?asOf=2026-05-01');
      assert.equal(then.version?.version, 1);
      assert.equal(entryOf(then, 'voip', 'IP-adres').retentionNl, standard);
      assert.equal(
        entryOf(await get('/api/v1/register?version=1'), 'voip', 'IP-adres').retentionNl,
        standard,
      );
      assert.equal((await get('/api/v1/register?asOf=2026-01-01')).entries.length, 0, 'before the install');

      const events = (
        await t.app.inject({ url: '/api/v1/audit/events?action=register.entry_updated', headers: officer })
      ).json();
      assert.equal(events.total, 1);
      assert.equal(events.items[0].entityId, before.id);
      assert.equal(events.items[0].before.retentionNl, standard);
      assert.equal(events.items[0].after.retentionNl, '3 maanden, daarna verwijderd');
      assert.equal(events.items[0].after.registerVersion, 2);

      const history = (
        await t.app.inject({ url: `/api/v1/register/entries/${before.id}/history`, headers: officer })
      ).json();
      assert.deepEqual(
        history.items.map((h: { version: number; entry: EntryView }) => [h.version, h.entry.retentionNl]),
        [
          [2, '3 maanden, daarna verwijderd'],
          [1, standard],
        ],
      );

      const same = await send('PUT', `/api/v1/register/entries/${before.id}`, {
        ...bodyOf(response.json()),
      });
      assert.equal(same.statusCode, 200);
      assert.equal(await versionCount(), 2, 'saving without a change makes no version');
      const stale = await send('PUT', `/api/v1/register/entries/${before.id}`, {
        ...bodyOf(before),
        revision: 1,
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(errorOf(stale).field, 'body.revision');
    });

    test('bad input answers 400 naming the field, and writes nothing', async () => {
      const view = await get('/api/v1/register');
      const iban = entryOf(view, 'administratie', 'IBAN');
      const versions = await versionCount();
      const audits = (await t.app.inject({ url: '/api/v1/audit/events', headers: officer })).json().total;
      const fresh = {
        ...bodyOf(iban),
        serviceLine: 'connectivity',
        dataTypeNl: 'Router-logboek',
        dataTypeEn: 'Router log',
      };
      const cases: [unknown, string, string?][] = [
        [
          { ...fresh, retentionRule: { kind: 'untilAgreementEndPlus', months: 0 } },
          'body.retentionRule.months',
        ],
        [
          { ...fresh, retentionRule: { kind: 'rolling', months: 1201, action: 'delete' } },
          'body.retentionRule.months',
        ],
        [
          {
            ...fresh,
            retentionRule: {
              kind: 'firstOf',
              rules: [
                { kind: 'rolling', months: 6, action: 'overwrite' },
                { kind: 'untilAgreementEndPlus', months: -1 },
              ],
            },
          },
          'body.retentionRule.rules.1.months',
        ],
        [
          { ...fresh, subprocessorIds: ['00000000-0000-4000-8000-000000000000'] },
          'body.subprocessorIds.0',
          'register.unknown_subprocessor',
        ],
        [{ ...bodyOf(iban) }, 'body.dataTypeNl', 'register.duplicate_entry'],
        [{ ...bodyOf(iban), dataTypeNl: ' iban. ' }, 'body.dataTypeNl', 'register.duplicate_entry'],
        [{ ...fresh, dataCategories: ['health'] }, 'body.dataCategories.0'],
        [{ ...fresh, dataSubjects: [] }, 'body.dataSubjects'],
        [{ ...fresh, serviceLine: 'hosting' }, 'body.serviceLine', 'register.unknown_service_line'],
      ];
      for (const [body, field, code] of cases) {
        const response = await send('POST', '/api/v1/register/entries', body);
        assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
        assert.equal(errorOf(response).field, field);
        if (code) {
          assert.equal(errorOf(response).code, code);
        }
      }
      assert.equal(await versionCount(), versions);
      assert.equal(
        (await t.app.inject({ url: '/api/v1/audit/events', headers: officer })).json().total,
        audits,
      );
      assert.equal((await get('/api/v1/register')).entries.length, 25);
    });

    test('the same data type with another sub-processor is a new entry, as Security has it for Phished', async () => {
      const party = await send('POST', '/api/v1/register/parties', { name: 'KnowBe4', country: 'us' });
      assert.equal(party.statusCode, 201, party.body);
      assert.equal(party.json().country, 'US');
      const profilesEntry = entryOf(await get('/api/v1/register'), 'security', profiles);
      const created = await send('POST', '/api/v1/register/entries', {
        ...bodyOf(profilesEntry),
        subprocessorIds: [party.json().id],
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json().subprocessors, [{ id: party.json().id, name: 'KnowBe4' }]);
    });

    test('a retired entry leaves the register but stays in its history', async () => {
      const created = await send('POST', '/api/v1/register/entries', {
        serviceLine: 'connectivity',
        dataTypeNl: 'IP-adres',
        dataTypeEn: 'IP address',
        dataCategories: ['network.ip'],
        dataSubjects: ['customer.employees'],
        processedByProcessor: true,
        retentionRule: { kind: 'untilAgreementEndPlus', months: 1 },
        subprocessorIds: [],
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().processorRole, 'processor', 'the default role');
      await moveTo('2026-06-10T10:00:00Z');
      const retired = await send('POST', `/api/v1/register/entries/${created.json().id}/retire`);
      assert.equal(retired.statusCode, 200);
      assert.equal(retired.json().retiredAt, '2026-06-10T10:00:00.000Z');
      assert.equal((await get('/api/v1/register?serviceLine=connectivity')).entries.length, 0);
      assert.equal(
        (await get('/api/v1/register?serviceLine=connectivity&includeRetired=true')).entries.length,
        1,
      );
      assert.equal(
        (await get('/api/v1/register?serviceLine=connectivity&asOf=2026-06-09')).entries.length,
        1,
      );
      const edit = await send('PUT', `/api/v1/register/entries/${created.json().id}`, bodyOf(created.json()));
      assert.equal(errorOf(edit).code, 'register.entry_retired');
      const again = await send('POST', `/api/v1/register/entries/${created.json().id}/retire`);
      assert.equal(again.json().retiredAt, '2026-06-10T10:00:00.000Z');
      const missing = await t.app.inject({
        url: '/api/v1/register/entries/00000000-0000-4000-8000-000000000000',
        headers: officer,
      });
      assert.equal(missing.statusCode, 404);
    });

    test('service lines, operations and sub-processors are created, edited and retired; one in use is not retired', async () => {
      const line = await send('POST', '/api/v1/register/service-lines', {
        code: 'hosting',
        nameNl: 'Hosting',
        nameEn: 'Hosting',
        purposeNl: 'Het hosten van websites.',
        purposeEn: 'Hosting websites.',
      });
      assert.equal(line.statusCode, 201, line.body);
      assert.ok(line.json().position > 60, 'a new service line comes last');
      const renamed = await send('PUT', '/api/v1/register/service-lines/hosting', {
        nameNl: 'Webhosting',
        nameEn: 'Web hosting',
        purposeNl: 'Het hosten van websites.',
        purposeEn: 'Hosting websites.',
      });
      assert.equal(renamed.json().nameNl, 'Webhosting');
      assert.equal((await send('POST', '/api/v1/register/service-lines/hosting/retire')).statusCode, 200);
      const taken = await send('POST', '/api/v1/register/service-lines', {
        ...line.json<Record<string, unknown>>(),
        code: 'voip',
      });
      assert.equal(errorOf(taken).field, 'body.code');
      const badCode = await send('POST', '/api/v1/register/service-lines', {
        ...line.json<Record<string, unknown>>(),
        code: 'VoIP!',
      });
      assert.equal(errorOf(badCode).field, 'body.code');
      const inUse = await send('POST', '/api/v1/register/service-lines/voip/retire');
      assert.equal(inUse.statusCode, 400);
      assert.equal(errorOf(inUse).code, 'register.service_line_in_use');

      const operations = (await t.app.inject({ url: '/api/v1/register/operations', headers: officer })).json()
        .items;
      assert.equal(operations.length, 19);
      assert.deepEqual(
        operations
          .slice(0, 3)
          .map((o: { labelNl: string; gdprOperation: string }) => [o.labelNl, o.gdprOperation]),
        [
          ['Verzamelen', 'collection'],
          ['Vastleggen', 'recording'],
          ['Ordenen', 'organisation'],
        ],
      );
      const op = await send('POST', '/api/v1/register/operations', {
        code: 'pseudonymise',
        labelNl: 'Pseudonimiseren',
        labelEn: 'Pseudonymising',
        gdprOperation: 'alteration',
      });
      assert.equal(op.statusCode, 201, op.body);
      const badOp = await send('PUT', '/api/v1/register/operations/pseudonymise', {
        labelNl: 'Pseudonimiseren',
        labelEn: 'Pseudonymising',
        gdprOperation: 'profiling',
      });
      assert.equal(errorOf(badOp).field, 'body.gdprOperation');
      assert.equal((await send('POST', '/api/v1/register/operations/pseudonymise/retire')).statusCode, 200);

      const view = await get('/api/v1/register');
      const microsoft = partyId(view, 'Microsoft');
      const edited = await send('PUT', `/api/v1/register/parties/${microsoft}`, {
        name: 'Microsoft Ireland',
        legalName: 'Microsoft Ireland Operations Limited',
        country: 'IE',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(
        entryOf(
          await get('/api/v1/register'),
          'cloud',
          'Mailboxen (Naam, e-mailadres eindklant, metadata e-mail).',
        ).subprocessors.map((s) => s.name),
        ['Microsoft Ireland'],
        'entries show the new name',
      );
      const dup = await send('POST', '/api/v1/register/parties', { name: 'afas' });
      assert.equal(errorOf(dup).field, 'body.name');
      const semicolon = await send('POST', '/api/v1/register/parties', { name: 'A; B' });
      assert.equal(errorOf(semicolon).field, 'body.name');
      const country = await send('POST', '/api/v1/register/parties', { name: 'X', country: 'NLD' });
      assert.equal(errorOf(country).field, 'body.country');
      const afasInUse = await send('POST', `/api/v1/register/parties/${partyId(view, 'AFAS')}/retire`);
      assert.equal(errorOf(afasInUse).code, 'register.party_in_use');
    });

    test('an auditor reads and exports the register but cannot change it', async () => {
      const { headers } = await t.signInAs('auditor');
      assert.equal((await t.app.inject({ url: '/api/v1/register', headers })).statusCode, 200);
      assert.equal(
        (await t.app.inject({ url: '/api/v1/register/export?format=csv', headers })).statusCode,
        200,
      );
      const write = await t.app.inject({
        method: 'POST',
        url: '/api/v1/register/parties',
        headers,
        payload: { name: 'Nope' },
      });
      assert.equal(write.statusCode, 403);
    });
  });
}
