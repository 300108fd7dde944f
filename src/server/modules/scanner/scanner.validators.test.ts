import assert from 'node:assert/strict';
import { isIPv6 } from 'node:net';
import { describe, test } from 'node:test';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { createPrng } from '../../../../test/fixtures/scanner/scanner.prng.ts';
import {
  checkIpv6,
  classifyLicensePlate,
  classifyPhone,
  isValidBsn,
  isValidCreditCard,
  isValidIban,
  isValidIccid,
  isValidImei,
  isValidIpv4,
  isValidMac,
  isValidPassportNl,
  isValidPostcode,
  isValidVatNl,
  PHONE_FIXED,
  PHONE_INVALID,
  PHONE_MOBILE,
  PHONE_SERVICE,
  PLATE_MODERN,
  PLATE_NONE,
} from './scanner.validators.ts';

describe('elfproef (BSN)', () => {
  test('accepts the documented test BSNs and rejects a changed digit', () => {
    assert.equal(isValidBsn('111222333'), true);
    assert.equal(isValidBsn('123456782'), true);
    assert.equal(isValidBsn('123456781'), false);
    assert.equal(isValidBsn('1234.56.782'), true);
  });

  test('rejects all zeros and lengths other than 8 or 9', () => {
    assert.equal(isValidBsn('000000000'), false);
    assert.equal(isValidBsn('1234567'), false);
    assert.equal(isValidBsn('1234567890'), false);
  });

  test('accepts an old 8-digit BSN as if padded with a leading zero', () => {
    assert.equal(isValidBsn('12345672'), isValidBsn('012345672'));
  });
});

describe('IBAN mod 97', () => {
  test('accepts a valid Dutch IBAN with or without spaces', () => {
    assert.equal(isValidIban('NL91ABNA0417164300'), true);
    assert.equal(isValidIban('NL91 ABNA 0417 1643 00'), true);
  });

  test('rejects wrong check digits, wrong length and a Dutch BBAN that is not 4 letters + 10 digits', () => {
    assert.equal(isValidIban('NL92ABNA0417164300'), false);
    assert.equal(isValidIban('NL91ABNA041716430'), false);
    assert.equal(isValidIban('NL91AB1A0417164300'), false);
  });

  test('accepts other SEPA countries by their own length', () => {
    assert.equal(isValidIban('DE89370400440532013000'), true);
    assert.equal(isValidIban('BE68539007547034'), true);
  });
});

describe('btw-id (VAT_NL)', () => {
  test('accepts both the RSIN-based and the 2020 sole-trader numbers', () => {
    assert.equal(isValidVatNl('NL004495445B01'), true);
    assert.equal(isValidVatNl('NL002455799B11'), true);
  });

  test('rejects a number failing both checks', () => {
    assert.equal(isValidVatNl('NL002455799B12'), false);
  });
});

describe('Luhn-based identifiers', () => {
  test('IMEI: 15 digits, Luhn, and a real reporting-body prefix', () => {
    assert.equal(isValidImei('490154203237518'), true);
    assert.equal(isValidImei('490154203237519'), false);
    assert.equal(isValidImei('204081234567893'), false);
  });

  test('ICCID: 89…, 19 or 20 digits, Luhn', () => {
    assert.equal(isValidIccid('8931081234567890129'), true);
    assert.equal(isValidIccid('8931081234567890125'), false);
  });

  test('credit card: Luhn plus a scheme prefix and length', () => {
    assert.equal(isValidCreditCard('4111 1111 1111 1111'), true);
    assert.equal(isValidCreditCard('4111 1111 1111 1112'), false);
    // Luhn-valid but no card scheme starts with 9.
    assert.equal(isValidCreditCard('9111111111111111'), false);
  });
});

describe('Dutch formats', () => {
  test('postcode: 4 digits not starting with 0, two letters, never SA, SD or SS', () => {
    assert.equal(isValidPostcode('1234 AB'), true);
    assert.equal(isValidPostcode('1234AB'), true);
    assert.equal(isValidPostcode('0123 AB'), false);
    assert.equal(isValidPostcode('1234 SS'), false);
  });

  test('licence plates: sidecodes with issued consonants only', () => {
    assert.equal(classifyLicensePlate('12-BDF-3'), PLATE_MODERN);
    assert.equal(classifyLicensePlate('GV-123-D'), PLATE_MODERN);
    assert.equal(classifyLicensePlate('AB-123-C'), PLATE_NONE);
    assert.equal(classifyLicensePlate('PVV-12-B'), PLATE_NONE);
    assert.equal(classifyLicensePlate('12-34-56'), PLATE_NONE);
  });

  test('passport / ID-card numbers: 2 letters, 6 letters or digits, a digit, never the letter O', () => {
    assert.equal(isValidPassportNl('NW92RK4D1'), true);
    assert.equal(isValidPassportNl('NO92RK4D1'), false);
    assert.equal(isValidPassportNl('N192RK4D1'), false);
  });
});

describe('network identifiers', () => {
  test('MAC: colon, dash and Cisco forms; not all-zero or broadcast', () => {
    assert.equal(isValidMac('aa:bb:cc:dd:ee:01'), true);
    assert.equal(isValidMac('AA-BB-CC-DD-EE-01'), true);
    assert.equal(isValidMac('aabb.ccdd.ee01'), true);
    assert.equal(isValidMac('aa:bb-cc:dd:ee:01'), false);
    assert.equal(isValidMac('00:00:00:00:00:00'), false);
    assert.equal(isValidMac('ff:ff:ff:ff:ff:ff'), false);
  });

  test('IPv4: four octets of 0–255 without leading zeros', () => {
    assert.equal(isValidIpv4('203.0.113.5'), true);
    assert.equal(isValidIpv4('256.1.1.1'), false);
    assert.equal(isValidIpv4('1.2.3'), false);
    assert.equal(isValidIpv4('01.2.3.4'), false);
  });

  test('IPv6 read from bytes agrees with net.isIPv6, also on mutated addresses', () => {
    const check = (text: string): number => checkIpv6(Buffer.from(text, 'latin1'), 0, text.length);
    for (const text of ['::', '::1', '2001:db8::1', 'fe80::1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8']) {
      assert.equal(check(text), 1, text);
    }
    for (const text of [
      '1::2::3',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '12345::1',
      '::ffff:01.2.3.4',
      '1:2',
    ]) {
      assert.equal(check(text), 0, text);
    }
    assert.equal(check('fe80::1%25'), -1);
    const rng = createPrng(6);
    const alphabet = '0123456789abcdef:.';
    const seeds = [
      '2001:db8:85a3::8a2e:370:7334',
      '::ffff:192.168.1.1',
      '1:2:3:4:5:6:10.0.0.1',
      'a::b:c',
      '::',
    ];
    for (let n = 0; n < 20_000; n++) {
      let text = seeds[n % seeds.length]!;
      for (let m = rng.int(1, 3); m > 0; m--) {
        const at = rng.int(0, text.length);
        const ch = alphabet[rng.int(0, alphabet.length - 1)]!;
        const op = rng.int(0, 2);
        text = text.slice(0, at) + (op === 1 ? '' : ch) + text.slice(op === 0 ? at : at + 1);
      }
      assert.equal(check(text) === 1, isIPv6(text), text);
    }
  });
});

describe('phone numbers from libphonenumber metadata', () => {
  test('classifies Dutch mobile, fixed and service numbers in their usual spellings', () => {
    assert.equal(classifyPhone('06-12345678'), PHONE_MOBILE);
    assert.equal(classifyPhone('+31 6 12345678'), PHONE_MOBILE);
    assert.equal(classifyPhone('020-1234567'), PHONE_FIXED);
    assert.equal(classifyPhone('0031 20 123 4567'), PHONE_FIXED);
    assert.equal(classifyPhone('0800-1234'), PHONE_SERVICE);
    assert.equal(classifyPhone('088-1234567'), PHONE_SERVICE);
    assert.equal(classifyPhone('0901234567'), PHONE_INVALID);
  });

  test('agrees with libphonenumber-js on random Dutch national numbers', () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      const length = 7 + (next() % 5);
      let digits = String(1 + (next() % 9));
      while (digits.length < length) {
        digits += String(next() % 10);
      }
      const national = `0${digits}`;
      assert.equal(classifyPhone(national) !== PHONE_INVALID, isValidPhoneNumber(national, 'NL'), national);
    }
  });

  test('validates foreign numbers with a + prefix', () => {
    assert.equal(classifyPhone('+32 470 12 34 56'), PHONE_MOBILE);
    assert.equal(classifyPhone('+49 30 1234567'), PHONE_FIXED);
    assert.equal(classifyPhone('+49 1'), PHONE_INVALID);
  });
});
