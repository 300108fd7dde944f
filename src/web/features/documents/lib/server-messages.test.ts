import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { TFunction } from 'i18next';
import { validateTemplate } from '../../../../server/modules/documents/documents.templates.ts';
import { ApiError } from '../../../lib/api.ts';
import { issueText } from './issues.ts';
import { missingItems } from './missing.ts';

// The server's messages are English; the web app translates those it knows. These tests keep the two in step:
// a new or reworded server message fails here instead of showing up in English in the Dutch app.

const fakeT = ((key: string, values?: Record<string, unknown>) =>
  `${key} ${JSON.stringify(values ?? {})}`) as TFunction;

test('every "data missing" item the server can name has its own text and place', () => {
  const source = fs.readFileSync('src/server/modules/documents/documents.build.ts', 'utf8');
  const messages = [...source.matchAll(/message: (?:"(no [^"]+)"|'(no [^']+)')/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
  assert.ok(messages.length >= 20, `found only ${messages.length} messages`);
  const error = new ApiError(
    422,
    'documents.data_missing',
    `The document cannot be generated: ${messages.join('; ')}.`,
  );
  const items = missingItems(error);
  assert.deepEqual(
    items.filter((item) => item.key === null).map((item) => item.text),
    [],
  );
  assert.ok(items.every((item) => item.place !== null));
});

test('missingItems ignores other errors', () => {
  assert.deepEqual(missingItems(new ApiError(400, 'validation_failed', 'body.kind: invalid')), []);
  assert.deepEqual(missingItems(new Error('x')), []);
});

test('every template issue the server reports is translated', () => {
  const broken = [
    '# Titel\n\nKenmerk {{agreement.referentie}} en {{agreement.reference\n',
    '#### te diep\n#\n3.1\n3.2 Tekst\n3.2 Nog eens\n3.1 Terug\n',
    '1. een\n3. drie\n\n{{}} en {{a b}} en }} en **vet\n\nTekst {{parties}} midden\n',
    '{{parties}}\n{{parties}}\n',
  ];
  const messages = broken.flatMap((text) => validateTemplate(text, 'dpa').map((issue) => issue.message));
  assert.ok(messages.length >= 10, messages.join('\n'));
  const untranslated = messages.filter((message) => issueText(message, fakeT) === message);
  assert.deepEqual(untranslated, []);
});
