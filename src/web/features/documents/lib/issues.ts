import type { TFunction } from 'i18next';

// The template checker's messages are English (documents.templates.ts). Each known message gets its own text
// here, its values carried over; one this app does not know yet is shown as the server wrote it.
// Names are passed with their braces, so the translations need none (i18next reads {{…}} as its own).
const braces = (name: string) => `{{${name}}}`;

type Rule = { pattern: RegExp; key: string; values: (m: RegExpExecArray) => Record<string, string> };

const rules: Rule[] = [
  {
    pattern: /^Unknown placeholder \{\{(.+)\}\}\.$/,
    key: 'unknownPlaceholder',
    values: (m) => ({ name: braces(m[1]!) }),
  },
  {
    pattern: /^"\{\{" at column (\d+) is not closed with "\}\}"\.$/,
    key: 'unclosedPlaceholder',
    values: (m) => ({ column: m[1]! }),
  },
  { pattern: /^Empty placeholder "\{\{\}\}"\.$/, key: 'emptyPlaceholder', values: () => ({}) },
  {
    pattern: /^"\{\{(.*)\}\}" is not a placeholder name \(letters, digits and dots\)\.$/,
    key: 'badPlaceholderName',
    values: (m) => ({ name: braces(m[1]!) }),
  },
  {
    pattern: /^\{\{(.+)\}\} is a block directive: put it on a line of its own\.$/,
    key: 'directiveInline',
    values: (m) => ({ name: braces(m[1]!) }),
  },
  {
    pattern: /^"\}\}" at column (\d+) has no "\{\{" before it\.$/,
    key: 'strayClose',
    values: (m) => ({ column: m[1]! }),
  },
  {
    pattern: /^"\*\*" at column (\d+) is not closed on this line\.$/,
    key: 'unclosedBold',
    values: (m) => ({ column: m[1]! }),
  },
  { pattern: /^Headings go down to level 3 \(###\)\.$/, key: 'headingLevel', values: () => ({}) },
  { pattern: /^A heading needs text after the #\.$/, key: 'headingEmpty', values: () => ({}) },
  { pattern: /^Clause (\S+) has no text\.$/, key: 'clauseEmpty', values: (m) => ({ number: m[1]! }) },
  {
    pattern: /^This list item is numbered (\d+) where (\d+) was expected\.$/,
    key: 'listNumber',
    values: (m) => ({ found: m[1]!, expected: m[2]! }),
  },
  {
    pattern: /^Clause (\S+) appears twice \(also on line (\d+)\)\.$/,
    key: 'clauseTwice',
    values: (m) => ({ number: m[1]!, line: m[2]! }),
  },
  {
    pattern: /^Clause (\S+) comes after (\S+)\.$/,
    key: 'clauseOrder',
    values: (m) => ({ number: m[1]!, previous: m[2]! }),
  },
  {
    pattern: /^\{\{(.+)\}\} is not available in this kind of document\.$/,
    key: 'directiveUnavailable',
    values: (m) => ({ name: braces(m[1]!) }),
  },
  {
    pattern: /^\{\{(.+)\}\} appears twice \(also on line (\d+)\)\.$/,
    key: 'directiveTwice',
    values: (m) => ({ name: braces(m[1]!), line: m[2]! }),
  },
  {
    pattern: /^The template needs \{\{(.+)\}\} on a line of its own\.$/,
    key: 'directiveRequired',
    values: (m) => ({ name: braces(m[1]!) }),
  },
  {
    pattern: /^The template is longer than (\d+) characters\.$/,
    key: 'tooLong',
    values: (m) => ({ max: m[1]! }),
  },
];

export function issueText(message: string, t: TFunction): string {
  for (const rule of rules) {
    const match = rule.pattern.exec(message);
    if (match) {
      return t(`documents.template.issues.${rule.key}` as never, rule.values(match));
    }
  }
  return message;
}
