import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanBuffer } from './scanner.engine.ts';
import type { Finding } from './scanner.types.ts';

async function scanText(text: string, name = 'sample.txt'): Promise<Finding[]> {
  const findings: Finding[] = [];
  await scanBuffer(Buffer.from(text, 'utf8'), name, {
    withValues: true,
    onFinding: (finding) => {
      findings.push(finding);
    },
  });
  return findings.filter((f) => f.confidence !== 'low').sort((a, b) => a.offset - b.offset);
}

function pick(findings: Finding[], type: Finding['type']): string[] {
  return findings.filter((f) => f.type === type).map((f) => f.value ?? '');
}

describe('BSN', () => {
  test('a BSN in a sentence is found with its byte offset and length', async () => {
    const text = 'Mijn BSN is 111222333, graag aanpassen.';
    const [finding] = await scanText(text);
    assert.equal(finding?.type, 'BSN');
    assert.equal(finding?.offset, text.indexOf('111222333'));
    assert.equal(finding?.length, 9);
    assert.equal(finding?.confidence, 'high');
  });

  test('a 9-digit number failing the elfproef is not a BSN, even next to the keyword', async () => {
    assert.deepEqual(await scanText('BSN: 123456781'), []);
  });

  test('an order number that happens to pass the elfproef is demoted by its keyword', async () => {
    assert.deepEqual(await scanText('Het gaat om ordernummer 123456782.'), []);
  });

  test('dotted and spaced spellings are one BSN each', async () => {
    const findings = await scanText('bsn 1234.56.782 en burgerservicenummer 111 222 333');
    assert.deepEqual(pick(findings, 'BSN'), ['1234.56.782', '111 222 333']);
  });
});

describe('IBAN, VAT, cards', () => {
  test('a spaced IBAN is reported as one span; wrong check digits are not', async () => {
    const findings = await scanText('Terugstorten op NL91 ABNA 0417 1643 00 (niet NL92ABNA0417164300).');
    assert.deepEqual(pick(findings, 'IBAN'), ['NL91 ABNA 0417 1643 00']);
  });

  test('a btw-id passing its check is found', async () => {
    assert.deepEqual(pick(await scanText('btw NL004495445B01'), 'VAT_NL'), ['NL004495445B01']);
  });

  test('a grouped Visa test number is a card; a Luhn-valid tracking code is not', async () => {
    const findings = await scanText('creditcard 4111 1111 1111 1111\ntrackingcode 4111111111111111');
    assert.deepEqual(pick(findings, 'CREDIT_CARD'), ['4111 1111 1111 1111']);
  });
});

describe('phone numbers', () => {
  test('Dutch spellings are found whole', async () => {
    const findings = await scanText(
      'Bel 06-12345678, +31 (0)20 123 4567, 0031 6 12345678 of (020) 123 4567. Gratis: 0800-1234.',
    );
    assert.deepEqual(pick(findings, 'PHONE'), [
      '06-12345678',
      '+31 (0)20 123 4567',
      '0031 6 12345678',
      '(020) 123 4567',
      '0800-1234',
    ]);
  });

  test('a month and year like 06-2024 is not a phone number', async () => {
    assert.deepEqual(pick(await scanText('Sinds 06-2024 klant.'), 'PHONE'), []);
  });
});

describe('context: keywords, columns and keys', () => {
  test('a date is a date of birth only next to a birth keyword, and a timestamp never is', async () => {
    const findings = await scanText(
      'Geboren op 14 maart 1985.\nLevering op 14-03-2024.\ngeboortedatum: 1985-03-14 10:22:33\n',
    );
    assert.deepEqual(pick(findings, 'DATE_OF_BIRTH'), ['14 maart 1985']);
  });

  test('a CSV header promotes KvK numbers and demotes look-alikes in an id column', async () => {
    const csv = 'call_id;kvk_nummer;postcode\n123456782;12345678;1234 AB\n111222333;87654321;9999ZZ\n';
    const findings = await scanText(csv, 'export.csv');
    assert.deepEqual(pick(findings, 'KVK'), ['12345678', '87654321']);
    assert.deepEqual(pick(findings, 'BSN'), []);
    assert.deepEqual(pick(findings, 'POSTCODE'), ['1234 AB', '9999ZZ']);
  });

  test('a JSON key promotes its value and an enclosing collection name does not demote it', async () => {
    const json = '{"customers":[{"id":1,"kvk":"12345678","identification":{"number":"111222333"}}]}';
    const findings = await scanText(json, 'crm.json');
    assert.deepEqual(pick(findings, 'KVK'), ['12345678']);
    assert.deepEqual(pick(findings, 'BSN'), ['111222333']);
  });
});

describe('network identifiers and look-alikes', () => {
  test('MAC addresses are found; fingerprints and hashes are not', async () => {
    const text =
      'mac=aa:bb:cc:dd:ee:01 ap=0011.2233.4455\nkey MD5 ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89 commit=a1b2c3d4e5f6\n';
    assert.deepEqual(pick(await scanText(text, 'fw.log'), 'MAC'), ['aa:bb:cc:dd:ee:01', '0011.2233.4455']);
  });

  test('IPv4 and IPv6 are found; a version string is not', async () => {
    const text = 'src=203.0.113.5 dst=2001:db8::1 fw_version=7.2.4.1 versie 1.2.3.4\n';
    assert.deepEqual(pick(await scanText(text, 'fw.log'), 'IP'), ['203.0.113.5', '2001:db8::1']);
  });

  test('an e-mail address is found, a Message-ID is not', async () => {
    const text = 'From: Jan <jan.devries@example.nl>\nMessage-ID: <a1b2c3@mail.example.nl>\n\nHoi\n';
    assert.deepEqual(pick(await scanText(text), 'EMAIL'), ['jan.devries@example.nl']);
  });
});

describe('Dutch formats', () => {
  test('postcode with a place name, kenteken and passport with keywords', async () => {
    const findings = await scanText(
      'Adres: Dorpsstraat 1, 1234 AB Utrecht. Kenteken 12-BDF-3. Paspoort NW92RK4D1. Verbruik 2048 MB.',
    );
    assert.deepEqual(pick(findings, 'POSTCODE'), ['1234 AB']);
    assert.deepEqual(pick(findings, 'LICENSE_PLATE'), ['12-BDF-3']);
    assert.deepEqual(pick(findings, 'PASSPORT_NL'), ['NW92RK4D1']);
  });

  test('IMSI, IMEI and ICCID in a CDR row', async () => {
    const csv = 'imsi,imei,iccid\n204081234567890,490154203237518,8931081234567890129\n';
    const findings = await scanText(csv, 'cdr.csv');
    assert.deepEqual(
      findings.map((f) => f.type),
      ['IMSI', 'IMEI', 'ICCID'],
    );
  });
});

describe('names (reported separately)', () => {
  test('a name column and a mail greeting, signature and From header', async () => {
    const csv = await scanText('naam,email\nJan de Vries,jan@example.nl\n', 'contacts.csv');
    assert.deepEqual(pick(csv, 'PERSON_NAME'), ['Jan de Vries']);
    const mail = await scanText(
      'From: Sanne Jansen <sanne@example.nl>\n\nBeste Piet,\n\nDank.\n\nMet vriendelijke groet,\n\nSanne Jansen\n',
    );
    assert.deepEqual(pick(mail, 'PERSON_NAME'), ['Sanne Jansen', 'Piet', 'Sanne Jansen']);
  });
});
