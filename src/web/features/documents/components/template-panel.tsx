import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  List,
  Loader,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconCircleCheck,
  IconDeviceFloppy,
  IconInfoCircle,
  IconRestore,
} from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useDpaTemplate, useSaveTemplate, useTemplateIssues } from '../api/documents.ts';
import type { DocumentLanguage, DocumentTemplate, TemplateIssue, VocabularyItem } from '../api/types.ts';
import { issueText } from '../lib/issues.ts';
import { useDocumentPermissions } from '../lib/permissions.ts';
import { CodeEditor, type CodeEditorHandle } from './code-editor.tsx';
import './documents.css';

type Drafts = Partial<Record<DocumentLanguage, string>>;

// The template language at a glance (documents.templates.ts on the server has the full rules).
const syntaxExamples = [
  ['heading', '# … ## … ###'],
  ['clause', '3.4 …'],
  ['list', '- …  1. …'],
  ['bold', '**…**'],
  ['placeholder', '{{customer.legalName}}'],
  ['directive', '{{annex1}}'],
] as const;

function VersionLine({ template }: { template: DocumentTemplate }) {
  const { t } = useTranslation();
  if (template.version === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('documents.template.builtIn')}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('documents.template.version', { version: template.version, by: template.createdBy })}{' '}
      <DateTimeText value={template.createdAt} />
      {template.note ? ` — „${template.note}”` : ''}
    </Text>
  );
}

function Vocabulary({
  title,
  items,
  block,
  onInsert,
}: {
  title: string;
  items: VocabularyItem[];
  block: boolean;
  onInsert: ((text: string, block: boolean) => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage === 'en' ? 'en' : 'nl';
  const id = `vocabulary-${block ? 'directives' : 'placeholders'}`;
  return (
    <Stack gap={6} component="section" aria-labelledby={id}>
      <Title order={3} fz="sm" id={id}>
        {title}
      </Title>
      <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((item) => {
          const content = (
            <Stack gap={0}>
              <Code style={{ alignSelf: 'flex-start' }}>{`{{${item.name}}}`}</Code>
              <Text size="xs" c="dimmed">
                {item.description[lng]}
              </Text>
            </Stack>
          );
          return (
            <li key={item.name}>
              {onInsert ? (
                <UnstyledButton
                  className="documents-vocabulary-item"
                  onClick={() => onInsert(`{{${item.name}}}`, block)}
                  aria-label={t('documents.template.insert', {
                    name: `{{${item.name}}}`,
                    description: item.description[lng],
                  })}
                  p={6}
                  w="100%"
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                >
                  {content}
                </UnstyledButton>
              ) : (
                <div style={{ padding: 6 }}>{content}</div>
              )}
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

function Issues({
  issues,
  checking,
  onGoTo,
}: {
  issues: TemplateIssue[] | undefined;
  checking: boolean;
  onGoTo: (line: number) => void;
}) {
  const { t } = useTranslation();
  const count = issues?.length ?? 0;
  return (
    <Card withBorder padding="sm" radius="md" component="section" aria-labelledby="template-issues-title">
      <Stack gap="xs">
        <Group gap="xs">
          {checking ? (
            <Loader size={16} aria-hidden />
          ) : count === 0 ? (
            <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
          ) : (
            <IconAlertCircle size={18} color="var(--mantine-color-red-7)" aria-hidden />
          )}
          <Title order={3} fz="sm" id="template-issues-title" aria-live="polite">
            {checking
              ? t('documents.template.checking')
              : count === 0
                ? t('documents.template.noIssues')
                : t('documents.template.issuesTitle', { count })}
          </Title>
        </Group>
        {count > 0 ? (
          <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
            {issues!.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id; their order is the server's
              <List.Item key={index}>
                {issue.line === null ? (
                  <Text size="sm" c="red.8">
                    {issueText(issue.message, t)}
                  </Text>
                ) : (
                  <UnstyledButton
                    onClick={() => onGoTo(issue.line!)}
                    className="documents-issue"
                    aria-label={t('documents.template.goToIssue', {
                      line: issue.line,
                      message: issueText(issue.message, t),
                    })}
                  >
                    <Text size="sm" c="red.8" component="span">
                      <Text component="span" fw={700} inherit td="underline">
                        {t('documents.template.line', { line: issue.line })}
                      </Text>
                      {': '}
                      {issueText(issue.message, t)}
                    </Text>
                  </UnstyledButton>
                )}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </Card>
  );
}

function Editor({
  template,
  draft,
  setDraft,
  canEdit,
}: {
  template: DocumentTemplate;
  draft: string | undefined;
  setDraft: (value: string | undefined) => void;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const editor = useRef<CodeEditorHandle | null>(null);
  const body = draft ?? template.body;
  const changed = draft !== undefined && draft !== template.body;
  const [debounced] = useDebouncedValue(body, 400);
  const check = useTemplateIssues(template.language, changed ? debounced : null);
  const issues = changed ? check.data : [];
  const checking = changed && (debounced !== body || check.isFetching);
  const [note, setNote] = useState('');
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const save = useSaveTemplate(template.language);
  const marked = useMemo(
    () => new Set((issues ?? []).flatMap((i) => (i.line === null ? [] : [i.line]))),
    [issues],
  );
  const insert = canEdit ? (text: string, block: boolean) => editor.current?.insert(text, block) : null;
  const invalid = isApiError(save.error) && save.error.code === 'documents.template_invalid';

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="sm">
          <CodeEditor
            ref={editor}
            label={t('documents.template.editorLabel', {
              language: t(`documents.languages.${template.language}`),
            })}
            description={canEdit ? t('documents.template.editorHint') : t('documents.template.readOnly')}
            value={body}
            onChange={(value) => setDraft(value)}
            readOnly={!canEdit}
            markedLines={marked}
            onCursor={setCursor}
          />
          <Text size="xs" c="dimmed">
            {t('documents.template.cursor', cursor)}
          </Text>
          {canEdit ? (
            <Issues issues={issues} checking={checking} onGoTo={(line) => editor.current?.goToLine(line)} />
          ) : null}
          {canEdit ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate(
                  { body, ...(note.trim() ? { note: note.trim() } : {}) },
                  {
                    onSuccess: ({ version }) => {
                      notifySuccess(t('documents.template.saved', { version }));
                      setNote('');
                      setDraft(undefined);
                    },
                  },
                );
              }}
            >
              <Stack gap="xs">
                {invalid ? (
                  <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
                    {t('documents.template.invalid')}
                  </Alert>
                ) : (
                  <ErrorAlert error={save.error} onClose={save.reset} />
                )}
                <TextInput
                  label={t('documents.template.note')}
                  placeholder={t('documents.template.notePlaceholder')}
                  value={note}
                  onChange={(event) => setNote(event.currentTarget.value)}
                  maxLength={500}
                />
                <Group justify="flex-end" gap="xs" wrap="wrap">
                  <Button
                    variant="default"
                    leftSection={<IconRestore size={16} aria-hidden />}
                    onClick={() => setDraft(undefined)}
                    disabled={!changed || save.isPending}
                  >
                    {t('documents.template.discard')}
                  </Button>
                  <Button
                    type="submit"
                    leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                    loading={save.isPending}
                    disabled={!changed || checking || (issues?.length ?? 0) > 0}
                  >
                    {t('documents.template.save', { version: template.version + 1 })}
                  </Button>
                </Group>
                {changed && (issues?.length ?? 0) > 0 ? (
                  <Text size="xs" c="red.8">
                    {t('documents.template.fixFirst')}
                  </Text>
                ) : null}
              </Stack>
            </form>
          ) : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Card
          withBorder
          padding="sm"
          radius="md"
          style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 52px) + 12px)' }}
        >
          <ScrollArea.Autosize mah="calc(100vh - 140px)" type="auto" offsetScrollbars>
            <Stack gap="md">
              <Stack gap={4} component="section" aria-labelledby="template-syntax-title">
                <Title order={3} fz="sm" id="template-syntax-title">
                  {t('documents.template.syntaxTitle')}
                </Title>
                <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {syntaxExamples.map(([key, example]) => (
                    <li key={key}>
                      <Text size="xs">
                        <Code>{example}</Code> {t(`documents.template.syntax.${key}`)}
                      </Text>
                    </li>
                  ))}
                </Stack>
              </Stack>
              {canEdit ? (
                <Text size="xs" c="dimmed">
                  {t('documents.template.clickToInsert')}
                </Text>
              ) : null}
              <Vocabulary
                title={t('documents.template.directives')}
                items={template.directives}
                block
                onInsert={insert}
              />
              <Vocabulary
                title={t('documents.template.placeholders')}
                items={template.placeholders}
                block={false}
                onInsert={insert}
              />
            </Stack>
          </ScrollArea.Autosize>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

/** The DPA template in Dutch and English: admins edit (checked as they type) and save versions; others read. */
export function TemplatePanel() {
  const { t } = useTranslation();
  const { canEditTemplate } = useDocumentPermissions();
  const [language, setLanguage] = useState<DocumentLanguage>('nl');
  const [drafts, setDrafts] = useState<Drafts>({});
  const template = useDpaTemplate(language);
  const unsaved = (Object.keys(drafts) as DocumentLanguage[]).filter((lang) => drafts[lang] !== undefined);

  // Leaving the page with an edited template asks first (the browser's own dialog).
  useEffect(() => {
    if (unsaved.length === 0) {
      return;
    }
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved.length]);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={820}>
        {t('documents.template.intro')}
      </Text>
      {!canEditTemplate ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('documents.template.adminsOnly')}
        </Alert>
      ) : null}
      <Group gap="md" align="center" wrap="wrap">
        <SegmentedControl
          aria-label={t('documents.template.languageLabel')}
          value={language}
          onChange={(value) => setLanguage(value as DocumentLanguage)}
          data={(['nl', 'en'] as const).map((lang) => ({
            value: lang,
            label: `${t(`documents.languages.${lang}`)}${drafts[lang] !== undefined ? ' •' : ''}`,
          }))}
        />
        {template.data ? <VersionLine template={template.data} /> : null}
        {unsaved.length > 0 ? (
          <Badge color="orange" variant="light">
            {t('documents.template.unsaved')}
          </Badge>
        ) : null}
      </Group>
      {template.isPending ? (
        <Skeleton h={480} />
      ) : template.isError ? (
        <ErrorAlert error={template.error} title={t('errors.loadTitle')} />
      ) : (
        <Editor
          key={`${language}-${template.data.version}`}
          template={template.data}
          draft={drafts[language]}
          setDraft={(value) => setDrafts((d) => ({ ...d, [language]: value }))}
          canEdit={canEditTemplate}
        />
      )}
    </Stack>
  );
}
