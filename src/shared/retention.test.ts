import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addCalendarMonths,
  addCalendarYears,
  callDetailRecordRetention,
  computeRetention,
  describeRetention,
  endOfFinancialYear,
  parseRetentionSentence,
  type RetentionRule,
  retentionKindsOf,
  retentionRuleSchema,
  standardRetention,
  toRetentionDate,
} from './retention.ts';

describe('calendar months (Reg. 1182/71)', () => {
  test('the same day number a month later', () => {
    assert.equal(addCalendarMonths('2026-03-15', 1), '2026-04-15');
    assert.equal(addCalendarMonths('2026-01-01', 6), '2026-07-01');
  });

  test('a day the month lacks becomes its last day', () => {
    assert.equal(addCalendarMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addCalendarMonths('2026-03-31', 1), '2026-04-30');
    assert.equal(addCalendarMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addCalendarMonths('2026-05-31', 1), '2026-06-30');
  });

  test('leap years: 31 January 2028 + 1 month is 29 February', () => {
    assert.equal(addCalendarMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addCalendarMonths('2028-01-29', 1), '2028-02-29');
    assert.equal(addCalendarMonths('2027-08-30', 6), '2028-02-29');
    assert.equal(addCalendarMonths('2028-02-29', 12), '2029-02-28');
    assert.equal(addCalendarYears('2028-02-29', 7), '2035-02-28');
  });

  test('December rolls into January of the next year', () => {
    assert.equal(addCalendarMonths('2026-12-15', 1), '2027-01-15');
    assert.equal(addCalendarMonths('2026-12-31', 1), '2027-01-31');
    assert.equal(addCalendarMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addCalendarMonths('2026-07-31', 6), '2027-01-31');
  });

  test('a DST change does not move a calendar date', () => {
    assert.equal(addCalendarMonths('2026-02-28', 1), '2026-03-28');
    assert.equal(addCalendarMonths('2026-09-25', 1), '2026-10-25');
  });

  test('an instant is dated in the Netherlands', () => {
    assert.equal(toRetentionDate(new Date('2026-01-31T23:30:00Z')), '2026-02-01');
    assert.equal(toRetentionDate(new Date('2026-07-31T21:59:59Z')), '2026-07-31');
    assert.equal(toRetentionDate(new Date('2026-07-31T22:00:00Z')), '2026-08-01');
  });

  test('periods of 0, negative, fractional or over 1200 months are refused', () => {
    for (const months of [0, -1, 1.5, 1201, Number.NaN]) {
      assert.throws(() => addCalendarMonths('2026-01-31', months), RangeError, String(months));
    }
    assert.equal(addCalendarMonths('2026-01-31', 1200), '2126-01-31');
    assert.throws(() => addCalendarMonths('31-01-2026', 1), /calendar date/);
    assert.throws(() => addCalendarMonths('2026-02-30', 1), /calendar date/);
  });
});

describe('the rules say what the agreement says', () => {
  test('the standard rule reads exactly as Annex 1', () => {
    assert.equal(describeRetention(standardRetention, 'nl'), 'Tot moment van opzeggen + 1 maand');
    assert.equal(describeRetention(standardRetention, 'en'), 'Until termination + 1 month');
    assert.equal(
      describeRetention({ kind: 'untilAgreementEndPlus', months: 3 }, 'nl'),
      'Tot moment van opzeggen + 3 maanden',
    );
  });

  test('the call-detail-record rule reads exactly as Annex 1, and says "whichever comes first" in English', () => {
    assert.equal(
      describeRetention(callDetailRecordRetention, 'nl'),
      '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand',
    );
    assert.equal(
      describeRetention(callDetailRecordRetention, 'en'),
      '6 months, then overwritten; or until termination + 1 month, whichever comes first',
    );
  });

  test('rolling and legal rules', () => {
    assert.equal(
      describeRetention({ kind: 'rolling', months: 1, action: 'delete' }, 'nl'),
      '1 maand, daarna verwijderd',
    );
    assert.equal(
      describeRetention({ kind: 'rolling', months: 12, action: 'anonymise' }, 'en'),
      '12 months, then anonymised',
    );
    const tax: RetentionRule = {
      kind: 'legal',
      basis: 'art. 52 AWR',
      years: 7,
      anchor: 'endOfFinancialYear',
    };
    assert.equal(
      describeRetention(tax, 'nl'),
      '7 jaar na afloop van het boekjaar (wettelijke bewaarplicht, art. 52 AWR)',
    );
    assert.equal(
      describeRetention(tax, 'en'),
      '7 years after the end of the financial year (statutory retention, art. 52 AWR)',
    );
  });

  test('every sentence reads back as its rule', () => {
    const rules: RetentionRule[] = [
      standardRetention,
      callDetailRecordRetention,
      { kind: 'rolling', months: 1, action: 'anonymise' },
      { kind: 'legal', basis: 'art. 52 AWR', years: 7, anchor: 'endOfFinancialYear' },
      { kind: 'legal', basis: 'art. 7:454 BW', years: 20, anchor: 'recordDate' },
      {
        kind: 'firstOf',
        rules: [
          { kind: 'rolling', months: 24, action: 'delete' },
          { kind: 'legal', basis: 'art. 52 AWR', years: 7, anchor: 'recordDate' },
          { kind: 'untilAgreementEndPlus', months: 2 },
        ],
      },
    ];
    for (const rule of rules) {
      assert.deepEqual(parseRetentionSentence(describeRetention(rule, 'nl')), { ok: true, rule });
    }
    assert.deepEqual(parseRetentionSentence('  tot moment van  opzeggen + 1 maand '), {
      ok: true,
      rule: standardRetention,
    });
  });

  test('a sentence it cannot read, or a period out of range, is refused with the reason', () => {
    const unreadable = parseRetentionSentence('Zo lang als nodig');
    assert.equal(unreadable.ok, false);
    assert.match(!unreadable.ok ? unreadable.message : '', /not a retention this register can read/);
    const zero = parseRetentionSentence('Tot moment van opzeggen + 0 maanden');
    assert.deepEqual(zero, { ok: false, message: 'A period is at least 1 month.' });
    const long = parseRetentionSentence('1201 maanden, daarna verwijderd');
    assert.deepEqual(long, { ok: false, message: 'A period is at most 1200 months (100 years).' });
  });

  test('the schema refuses months ≤ 0 or > 1200, naming the path', () => {
    for (const months of [0, -3, 1201]) {
      const result = retentionRuleSchema.safeParse({ kind: 'untilAgreementEndPlus', months });
      assert.equal(result.success, false);
      assert.deepEqual(result.error?.issues[0]?.path, ['months']);
    }
    const nested = retentionRuleSchema.safeParse({
      kind: 'firstOf',
      rules: [
        { kind: 'rolling', months: 6, action: 'overwrite' },
        { kind: 'untilAgreementEndPlus', months: 0 },
      ],
    });
    assert.deepEqual(nested.error?.issues[0]?.path, ['rules', 1, 'months']);
    assert.equal(
      retentionRuleSchema.safeParse({ kind: 'firstOf', rules: [standardRetention] }).success,
      false,
    );
    assert.equal(
      retentionRuleSchema.safeParse({ kind: 'untilAgreementEndPlus', months: 1, extra: 1 }).success,
      false,
    );
  });

  test('a rule is found under every kind it involves', () => {
    assert.deepEqual(retentionKindsOf(standardRetention), ['untilAgreementEndPlus']);
    assert.deepEqual(retentionKindsOf(callDetailRecordRetention), [
      'firstOf',
      'rolling',
      'untilAgreementEndPlus',
    ]);
  });
});

describe('dates from the rules (decisions.md)', () => {
  test('"tot moment van opzeggen + 1 maand": end of the agreement + 1 calendar month', () => {
    assert.deepEqual(computeRetention(standardRetention, { agreementEnd: '2026-01-31' }), {
      until: '2026-02-28',
      exact: true,
      action: 'delete',
      decidedBy: standardRetention,
    });
    assert.equal(computeRetention(standardRetention, { agreementEnd: '2027-12-31' }).until, '2028-01-31');
  });

  test('while the agreement runs the date is not known yet', () => {
    assert.deepEqual(computeRetention(standardRetention, {}), {
      until: null,
      exact: false,
      action: 'delete',
      decidedBy: null,
    });
  });

  test('whichever comes first: the rolling 6 months when the agreement ends later', () => {
    const result = computeRetention(callDetailRecordRetention, {
      recordDate: '2026-03-31',
      agreementEnd: '2026-12-31',
    });
    assert.equal(result.until, '2026-09-30');
    assert.equal(result.exact, true);
    assert.equal(result.action, 'overwrite');
    assert.equal(result.decidedBy?.kind, 'rolling');
  });

  test('whichever comes first: the agreement end + 1 month when that comes first', () => {
    const result = computeRetention(callDetailRecordRetention, {
      recordDate: '2026-03-31',
      agreementEnd: '2026-04-30',
    });
    assert.equal(result.until, '2026-05-30');
    assert.equal(result.action, 'delete');
    assert.equal(result.decidedBy?.kind, 'untilAgreementEndPlus');
  });

  test('whichever comes first while the agreement runs: the rolling date, at the latest', () => {
    const result = computeRetention(callDetailRecordRetention, { recordDate: '2028-08-31' });
    assert.equal(result.until, '2029-02-28');
    assert.equal(result.exact, false);
  });

  test('legal retention: 7 years from the end of the financial year of the record (art. 52 AWR)', () => {
    const tax: RetentionRule = {
      kind: 'legal',
      basis: 'art. 52 AWR',
      years: 7,
      anchor: 'endOfFinancialYear',
    };
    assert.equal(computeRetention(tax, { recordDate: '2026-03-15' }).until, '2033-12-31');
    assert.equal(computeRetention(tax, { recordDate: '2026-12-31' }).until, '2033-12-31');
    assert.equal(computeRetention(tax, { recordDate: '2027-01-01' }).until, '2034-12-31');
    assert.equal(
      computeRetention(tax, { recordDate: '2026-08-01', financialYearEndMonth: 6 }).until,
      '2034-06-30',
    );
    assert.equal(
      computeRetention({ ...tax, anchor: 'recordDate' }, { recordDate: '2028-02-29' }).until,
      '2035-02-28',
    );
    assert.equal(endOfFinancialYear('2028-01-10', 2), '2028-02-29');
  });

  test('an invalid rule is refused before any date is computed', () => {
    assert.throws(
      () => computeRetention({ kind: 'untilAgreementEndPlus', months: 0 }, { agreementEnd: '2026-01-31' }),
      /at least 1 month/,
    );
    assert.throws(
      () =>
        computeRetention({ kind: 'rolling', months: 1201, action: 'delete' }, { recordDate: '2026-01-31' }),
      /at most 1200 months/,
    );
  });
});
