import { DateTime } from 'luxon';
import { z } from 'zod';

// Retention rules as data (decisions.md "Time and deadlines"). One module renders them as the agreement words
// them and computes their dates; the register, customer, breach and destruction modules all reuse it.

export const retentionKinds = ['untilAgreementEndPlus', 'rolling', 'legal', 'firstOf'] as const;
export type RetentionKind = (typeof retentionKinds)[number];
export const retentionActions = ['delete', 'overwrite', 'anonymise'] as const;
export type RetentionAction = (typeof retentionActions)[number];
export const legalAnchors = ['endOfFinancialYear', 'recordDate'] as const;
export type LegalAnchor = (typeof legalAnchors)[number];

export const maxRetentionMonths = 1200;
export const maxRetentionYears = 100;
export const maxRulesInFirstOf = 5;

const months = z
  .number({ error: 'Give the period in whole months.' })
  .int({ error: 'Give the period in whole months.' })
  .min(1, { error: 'A period is at least 1 month.' })
  .max(maxRetentionMonths, { error: `A period is at most ${maxRetentionMonths} months (100 years).` });

export const untilAgreementEndPlusSchema = z
  .object({ kind: z.literal('untilAgreementEndPlus'), months })
  .strict()
  .meta({ id: 'RetentionUntilAgreementEndPlus' });
export const rollingSchema = z
  .object({ kind: z.literal('rolling'), months, action: z.enum(retentionActions) })
  .strict()
  .meta({ id: 'RetentionRolling' });
export const legalSchema = z
  .object({
    kind: z.literal('legal'),
    basis: z.string().trim().min(1, { error: 'Name the statutory basis, e.g. art. 52 AWR.' }).max(200),
    years: z
      .number()
      .int()
      .min(1, { error: 'A period is at least 1 year.' })
      .max(maxRetentionYears, { error: `A period is at most ${maxRetentionYears} years.` }),
    anchor: z.enum(legalAnchors),
  })
  .strict()
  .meta({ id: 'RetentionLegal' });

const simpleRuleSchema = z.discriminatedUnion('kind', [
  untilAgreementEndPlusSchema,
  rollingSchema,
  legalSchema,
]);

export const firstOfSchema = z
  .object({
    kind: z.literal('firstOf'),
    rules: z
      .array(simpleRuleSchema)
      .min(2, { error: '"Whichever comes first" needs at least 2 rules.' })
      .max(maxRulesInFirstOf, { error: `"Whichever comes first" takes at most ${maxRulesInFirstOf} rules.` }),
  })
  .strict()
  .meta({ id: 'RetentionFirstOf' });

export const retentionRuleSchema = z
  .discriminatedUnion('kind', [untilAgreementEndPlusSchema, rollingSchema, legalSchema, firstOfSchema])
  .meta({ id: 'RetentionRule' });

export type SimpleRetentionRule = z.infer<typeof simpleRuleSchema>;
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

// The rule the agreement gives almost every row: "Tot moment van opzeggen + 1 maand".
export const standardRetention: RetentionRule = { kind: 'untilAgreementEndPlus', months: 1 };
// Call detail records (VoIP, Mobiel): "6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand".
export const callDetailRecordRetention: RetentionRule = {
  kind: 'firstOf',
  rules: [
    { kind: 'rolling', months: 6, action: 'overwrite' },
    { kind: 'untilAgreementEndPlus', months: 1 },
  ],
};

type Locale = 'nl' | 'en';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const actionWords: Record<Locale, Record<RetentionAction, string>> = {
  nl: { delete: 'verwijderd', overwrite: 'overschreven', anonymise: 'geanonimiseerd' },
  en: { delete: 'deleted', overwrite: 'overwritten', anonymise: 'anonymised' },
};

function describeSimple(rule: SimpleRetentionRule, locale: Locale): string {
  switch (rule.kind) {
    case 'untilAgreementEndPlus':
      return locale === 'nl'
        ? `Tot moment van opzeggen + ${plural(rule.months, 'maand', 'maanden')}`
        : `Until termination + ${plural(rule.months, 'month', 'months')}`;
    case 'rolling':
      return locale === 'nl'
        ? `${plural(rule.months, 'maand', 'maanden')}, daarna ${actionWords.nl[rule.action]}`
        : `${plural(rule.months, 'month', 'months')}, then ${actionWords.en[rule.action]}`;
    case 'legal':
      if (locale === 'nl') {
        const from =
          rule.anchor === 'endOfFinancialYear' ? 'na afloop van het boekjaar' : 'na de vastlegging';
        return `${rule.years} jaar ${from} (wettelijke bewaarplicht, ${rule.basis})`;
      }
      return `${plural(rule.years, 'year', 'years')} ${
        rule.anchor === 'endOfFinancialYear'
          ? 'after the end of the financial year'
          : 'after the record was made'
      } (statutory retention, ${rule.basis})`;
  }
}

// Dutch exactly as the agreement words it (Annex 1, column "Bewaartermijn"); the English adds "whichever comes
// first", which the Dutch leaves implicit (decisions.md reads it so).
export function describeRetention(rule: RetentionRule, locale: Locale): string {
  if (rule.kind !== 'firstOf') {
    return describeSimple(rule, locale);
  }
  const parts = rule.rules.map((r, i) =>
    i === 0 ? describeSimple(r, locale) : lowerFirst(describeSimple(r, locale)),
  );
  return locale === 'nl' ? parts.join('; of ') : `${parts.join('; or ')}, whichever comes first`;
}

// Reads back a Dutch sentence that describeRetention wrote, so a hand-edited "Bewaartermijn" column imports.
export function parseRetentionSentence(
  sentence: string,
): { ok: true; rule: RetentionRule } | { ok: false; message: string } {
  const text = sentence.trim().replace(/\s+/g, ' ');
  const parts = text.split(/;\s*of\s+/i).map(parseSimpleSentence);
  if (parts.some((r) => r === null)) {
    return {
      ok: false,
      message: `"${text}" is not a retention this register can read, e.g. "Tot moment van opzeggen + 1 maand".`,
    };
  }
  const rules = parts as SimpleRetentionRule[];
  const parsed = retentionRuleSchema.safeParse(rules.length === 1 ? rules[0] : { kind: 'firstOf', rules });
  return parsed.success
    ? { ok: true, rule: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'Not a valid retention.' };
}

function parseSimpleSentence(text: string): SimpleRetentionRule | null {
  const until = /^tot (?:het )?moment van opzeggen \+ (\d+) (?:maand|maanden)$/i.exec(text);
  if (until) {
    return { kind: 'untilAgreementEndPlus', months: Number(until[1]) };
  }
  const rolling = /^(\d+) (?:maand|maanden), daarna (verwijderd|overschreven|geanonimiseerd)$/i.exec(text);
  if (rolling) {
    const action = (Object.entries(actionWords.nl).find(
      ([, word]) => word === rolling[2]!.toLowerCase(),
    )?.[0] ?? 'delete') as RetentionAction;
    return { kind: 'rolling', months: Number(rolling[1]), action };
  }
  const legal =
    /^(\d+) jaar (na afloop van het boekjaar|na de vastlegging) \(wettelijke bewaarplicht, (.+)\)$/i.exec(
      text,
    );
  if (legal) {
    return {
      kind: 'legal',
      years: Number(legal[1]),
      anchor: legal[2]!.toLowerCase().includes('boekjaar') ? 'endOfFinancialYear' : 'recordDate',
      basis: legal[3]!,
    };
  }
  return null;
}

// Every kind a rule involves: a "whichever comes first" of a rolling period and the agreement end is found under
// each of the three kinds.
export function retentionKindsOf(rule: RetentionRule): RetentionKind[] {
  return rule.kind === 'firstOf' ? ['firstOf', ...new Set(rule.rules.map((r) => r.kind))] : [rule.kind];
}

// ---- dates -------------------------------------------------------------------------------------------------

export const retentionZone = 'Europe/Amsterdam';

export type RetentionFacts = {
  // last day of the agreement (the moment of "opzeggen" takes effect); null while it runs
  agreementEnd?: string | null;
  // the calendar date a record was made (a call, an invoice)
  recordDate?: string | null;
  // the month the financial year ends in; the Dutch default is a calendar year (December)
  financialYearEndMonth?: number;
};

export type RetentionOutcome = {
  // the last calendar date the data may be kept (ISO date, Europe/Amsterdam), or null when not yet known
  until: string | null;
  // false when a "whichever comes first" part is still unknown: then `until` is only the latest possible date
  exact: boolean;
  // what happens then
  action: RetentionAction;
  // the rule that decides the date
  decidedBy: SimpleRetentionRule | null;
};

function parseDate(value: string, name: string): DateTime {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: retentionZone }) : null;
  if (!date?.isValid) {
    throw new RangeError(`${name} must be a calendar date (YYYY-MM-DD), not "${value}".`);
  }
  return date;
}

function checkCount(value: number, max: number, unit: string) {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`A retention period is 1 to ${max} whole ${unit}, not ${value}.`);
  }
}

// Reg. (EEC, Euratom) 1182/71 art. 3(2)(c): a period in months ends on the same day number; where that month has
// no such day, on its last day (31 January + 1 month = 28 or 29 February). Luxon's month arithmetic does exactly
// that on calendar dates.
export function addCalendarMonths(date: string, months: number): string {
  checkCount(months, maxRetentionMonths, 'months');
  return parseDate(date, 'date').plus({ months }).toISODate()!;
}

export function addCalendarYears(date: string, years: number): string {
  checkCount(years, maxRetentionYears, 'years');
  return parseDate(date, 'date').plus({ years }).toISODate()!;
}

export function endOfFinancialYear(date: string, endMonth = 12): string {
  if (!Number.isInteger(endMonth) || endMonth < 1 || endMonth > 12) {
    throw new RangeError(`A financial year ends in month 1 to 12, not ${endMonth}.`);
  }
  const d = parseDate(date, 'recordDate');
  const year = d.month <= endMonth ? d.year : d.year + 1;
  return DateTime.fromObject({ year, month: endMonth, day: 1 }, { zone: retentionZone })
    .endOf('month')
    .toISODate()!;
}

// The instant a record was made, as the calendar date in the Netherlands.
export function toRetentionDate(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(retentionZone).toISODate()!;
}

function untilOf(rule: SimpleRetentionRule, facts: RetentionFacts): string | null {
  switch (rule.kind) {
    case 'untilAgreementEndPlus':
      return facts.agreementEnd ? addCalendarMonths(facts.agreementEnd, rule.months) : null;
    case 'rolling':
      return facts.recordDate ? addCalendarMonths(facts.recordDate, rule.months) : null;
    case 'legal':
      if (!facts.recordDate) {
        return null;
      }
      // Art. 52(4) AWR: seven years, counted from the end of the financial year the record belongs to.
      return addCalendarYears(
        rule.anchor === 'endOfFinancialYear'
          ? endOfFinancialYear(facts.recordDate, facts.financialYearEndMonth)
          : facts.recordDate,
        rule.years,
      );
  }
}

const actionOf = (rule: SimpleRetentionRule): RetentionAction =>
  rule.kind === 'rolling' ? rule.action : 'delete';

export function computeRetention(rule: RetentionRule, facts: RetentionFacts = {}): RetentionOutcome {
  const parsed = retentionRuleSchema.safeParse(rule);
  if (!parsed.success) {
    throw new RangeError(`Not a valid retention rule: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const valid = parsed.data;
  if (valid.kind !== 'firstOf') {
    const until = untilOf(valid, facts);
    return {
      until,
      exact: until !== null,
      action: actionOf(valid),
      decidedBy: until === null ? null : valid,
    };
  }
  // "Whichever comes first" (decisions.md): the earliest of the parts that can be computed yet.
  let best: { until: string; rule: SimpleRetentionRule } | null = null;
  let unknown = 0;
  for (const part of valid.rules) {
    const until = untilOf(part, facts);
    if (until === null) {
      unknown++;
    } else if (!best || until < best.until) {
      best = { until, rule: part };
    }
  }
  return {
    until: best?.until ?? null,
    exact: best !== null && unknown === 0,
    action: best ? actionOf(best.rule) : actionOf(valid.rules[0]!),
    decidedBy: best?.rule ?? null,
  };
}
