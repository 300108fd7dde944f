import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Divider,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { MessageThread } from '../../breaches/components/message-thread.tsx';
import { downloadFromApi } from '../../documents/lib/download.ts';
import {
  type PortalBreach,
  portalApFormUrl,
  portalNoticePdfUrl,
  useAcknowledgeBreach,
  useAskBreachQuestion,
  usePortalBreachThread,
} from '../api/portal-breaches.ts';

export const breachAnchor = (reference: string) => `breach-${reference.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="dt" size="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Box component="dd" m={0} fz="sm">
        {children}
      </Box>
    </Stack>
  );
}

function Question({ number, question, children }: { number: number; question: string; children: ReactNode }) {
  return (
    <Box component="li" style={{ listStyle: 'none' }}>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <ThemeIcon variant="light" radius="xl" size={26} aria-hidden>
          <Text size="xs" fw={700}>
            {number}
          </Text>
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {question}
          </Text>
          <Box fz="sm">{children}</Box>
        </Stack>
      </Group>
    </Box>
  );
}

const multiline = { whiteSpace: 'pre-wrap' } as const;

/** Issue 8: the customer asks the processor about the notice here; the answers come back here and by e-mail. */
function Questions({ breach, titleId }: { breach: PortalBreach; titleId: string }) {
  const { t } = useTranslation();
  const thread = usePortalBreachThread(breach.latest.id);
  const ask = useAskBreachQuestion();
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Stack gap={2}>
        <Title order={3} fz="h4" id={titleId}>
          {t('portal.breaches.thread.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('portal.breaches.thread.intro')}
        </Text>
      </Stack>
      <MessageThread
        messages={thread.data}
        loading={thread.isPending}
        error={thread.error}
        side="customer"
        labels={{
          list: t('portal.breaches.thread.list', { reference: breach.reference }),
          empty: t('portal.breaches.thread.empty'),
          customer: t('portal.breaches.thread.customer'),
          processor:
            breach.latest.content.processorContact.organisation || t('portal.breaches.thread.processor'),
          compose: t('portal.breaches.thread.compose'),
          composeHint: t('portal.breaches.thread.composeHint'),
          send: t('portal.breaches.thread.send'),
          sent: t('portal.breaches.thread.sent'),
        }}
        onSend={(body) => ask.mutateAsync({ noticeId: breach.latest.id, body })}
        sending={ask.isPending}
        sendError={ask.error}
      />
    </Stack>
  );
}

/**
 * One incident as the customer received it (seed clause 8): the latest answers to the seven Annex 3 questions and
 * the further facts, every version as a timeline, receipt to confirm, and the AP form to download.
 */
export function BreachCard({ breach }: { breach: PortalBreach }) {
  const { t } = useTranslation();
  const format = useFormat();
  const acknowledge = useAcknowledgeBreach();
  const [downloading, setDownloading] = useState<'pdf' | 'json' | null>(null);
  // The button goes once receipt is confirmed: keyboard focus continues on the (announced) result.
  const statusRef = useRef<HTMLDivElement>(null);
  const { latest, versions } = breach;
  const c = latest.content;
  const contact = c.processorContact;
  const anchor = breachAnchor(breach.reference);
  const titleId = `${anchor}-title`;
  const acknowledged = breach.acknowledgedAt !== null;
  const known = (group: string, key: string) => t(`portal.breaches.${group}.${key}`, { defaultValue: key });

  const persons =
    c.personsMin === c.personsMax
      ? t('portal.breaches.personsExact', { count: c.personsMax, number: format.number(c.personsMax) })
      : t('portal.breaches.personsRange', {
          min: format.number(c.personsMin),
          max: format.number(c.personsMax),
        });
  const period =
    c.occurredFrom && c.occurredTo
      ? t('portal.breaches.period.range', {
          from: format.dateTime(c.occurredFrom),
          to: format.dateTime(c.occurredTo),
        })
      : c.occurredFrom
        ? t('portal.breaches.period.from', { from: format.dateTime(c.occurredFrom) })
        : c.occurredTo
          ? t('portal.breaches.period.until', { to: format.dateTime(c.occurredTo) })
          : t('portal.breaches.period.unknown');
  const nature = [
    c.aspects.map((a) => known('aspects', a)).join(', '),
    c.actions.length > 0
      ? t('portal.breaches.actionsText', { actions: c.actions.map((a) => known('actions', a)).join(', ') })
      : null,
  ]
    .filter(Boolean)
    .join('. ');

  const download = async (kind: 'pdf' | 'json') => {
    setDownloading(kind);
    try {
      await (kind === 'json'
        ? downloadFromApi(portalApFormUrl(latest.id), `datalek-${c.reference}-meldformulier.json`)
        : downloadFromApi(portalNoticePdfUrl(latest.id), `datalek-${c.reference}-v${latest.version}.pdf`));
    } catch (error) {
      notifyError(error, t, t('portal.breaches.downloadFailed'));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="article"
      id={anchor}
      aria-labelledby={titleId}
      tabIndex={-1}
      style={{ scrollMarginTop: 80 }}
    >
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
            <Group gap="xs" align="center">
              <Title order={2} fz="h3" id={titleId}>
                {c.title}
              </Title>
              <Badge
                color={acknowledged ? 'teal' : 'orange'}
                variant="light"
                leftSection={
                  acknowledged ? (
                    <IconCircleCheck size={12} aria-hidden />
                  ) : (
                    <IconAlertTriangle size={12} aria-hidden />
                  )
                }
              >
                {t(acknowledged ? 'portal.breaches.status.acknowledged' : 'portal.breaches.status.received')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('portal.breaches.reference', { reference: c.reference })}
              {' · '}
              {t('portal.breaches.versionSent', {
                version: latest.version,
                when: format.dateTime(latest.sentAt),
              })}
            </Text>
          </Stack>
        </Group>

        <Alert
          color="blue"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          role="note"
          title={t('portal.breaches.info.title')}
        >
          <Stack gap={6}>
            <Text size="sm">{t('portal.breaches.info.text')}</Text>
            <Group gap="xs" align="center">
              <Text size="sm" fw={500}>
                {t('portal.breaches.info.deadline', { when: format.dateTime(breach.guidanceDeadline) })}
              </Text>
              <DeadlineBadge due={breach.guidanceDeadline} warnBefore={{ hours: 12 }} />
            </Group>
          </Stack>
        </Alert>

        <Stack gap="sm">
          <Title order={3} fz="h4">
            {t('portal.breaches.questionsTitle')}
          </Title>
          <Stack component="ol" gap="md" m={0} p={0}>
            <Question number={1} question={t('portal.breaches.questions.q1')}>
              <Text size="sm" style={multiline}>
                {c.summary}
              </Text>
            </Question>
            <Question number={2} question={t('portal.breaches.questions.q2')}>
              {c.dataTypes.length > 0 ? (
                <Group gap={6}>
                  {c.dataTypes.map((type) => (
                    <Badge key={type} variant="outline" color="gray" tt="none" fw={500}>
                      {type}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm">{t('portal.breaches.notKnownYet')}</Text>
              )}
            </Question>
            <Question number={3} question={t('portal.breaches.questions.q3')}>
              <Text size="sm">{persons}</Text>
            </Question>
            <Question number={4} question={t('portal.breaches.questions.q4')}>
              <Stack gap={4} align="flex-start">
                <Text size="sm">{c.subjectsGroup}</Text>
                {c.vulnerableGroup ? (
                  <Badge
                    color="red"
                    variant="light"
                    leftSection={<IconAlertTriangle size={12} aria-hidden />}
                  >
                    {t('portal.breaches.vulnerable')}
                  </Badge>
                ) : null}
              </Stack>
            </Question>
            <Question number={5} question={t('portal.breaches.questions.q5')}>
              <Text size="sm">{known('contactsKnown', c.contactsKnown)}</Text>
            </Question>
            <Question number={6} question={t('portal.breaches.questions.q6')}>
              <Text size="sm" style={multiline}>
                {c.rootCause}
              </Text>
            </Question>
            <Question number={7} question={t('portal.breaches.questions.q7')}>
              <Text size="sm">{period}</Text>
            </Question>
          </Stack>
        </Stack>

        <Divider />

        <Stack gap="sm">
          <Title order={3} fz="h4">
            {t('portal.breaches.factsTitle')}
          </Title>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
            <Fact label={t('portal.breaches.facts.discoveredAt')}>
              <DateTimeText value={c.discoveredAt} />
            </Fact>
            <Fact label={t('portal.breaches.facts.ongoing')}>
              {c.ongoing ? (
                <Text size="sm" c="red" fw={600}>
                  {t('portal.breaches.facts.ongoingYes')}
                </Text>
              ) : (
                <Text size="sm">{t('portal.breaches.facts.ongoingNo')}</Text>
              )}
            </Fact>
            <Fact label={t('portal.breaches.facts.nature')}>{nature || '—'}</Fact>
            <Fact label={t('portal.breaches.facts.encryption')}>{known('encryption', c.encryption)}</Fact>
            {c.affectedSystems ? (
              <Fact label={t('portal.breaches.facts.systems')}>
                <Text size="sm" style={multiline}>
                  {c.affectedSystems}
                </Text>
              </Fact>
            ) : null}
            <Fact label={t('portal.breaches.facts.measuresTaken')}>
              <Text size="sm" style={multiline}>
                {c.measuresTaken ?? '—'}
              </Text>
            </Fact>
            <Fact label={t('portal.breaches.facts.measuresPlanned')}>
              <Text size="sm" style={multiline}>
                {c.measuresPlanned ?? '—'}
              </Text>
            </Fact>
            <Fact label={t('portal.breaches.facts.likelyConsequences')}>
              <Text size="sm" style={multiline}>
                {c.likelyConsequences ?? '—'}
              </Text>
            </Fact>
            <Fact label={t('portal.breaches.facts.contact')}>
              <Text size="sm">
                {[contact.name.trim(), contact.organisation.trim()].filter(Boolean).join(', ') || '—'}
              </Text>
              {contact.email.trim() || contact.phone.trim() ? (
                <Group gap="sm">
                  {contact.email.trim() ? (
                    <Anchor href={`mailto:${contact.email.trim()}`} size="sm">
                      {contact.email.trim()}
                    </Anchor>
                  ) : null}
                  {contact.phone.trim() ? (
                    <Anchor href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`} size="sm">
                      {contact.phone.trim()}
                    </Anchor>
                  ) : null}
                </Group>
              ) : null}
            </Fact>
          </SimpleGrid>
        </Stack>

        <Divider />

        <Stack gap="sm">
          <Title order={3} fz="h4">
            {t('portal.breaches.timelineTitle')}
          </Title>
          <Timeline bulletSize={18} lineWidth={2} active={0} aria-label={t('portal.breaches.timelineTitle')}>
            {versions.map((v) => (
              <Timeline.Item
                key={v.id}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t(v.version === 1 ? 'portal.breaches.firstNotice' : 'portal.breaches.update', {
                        version: v.version,
                      })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <DateTimeText value={v.sentAt} />
                    </Text>
                  </Group>
                }
              >
                {v.changes ? (
                  <Stack gap={2} mt={4}>
                    <Text size="xs" fw={700} c="dimmed">
                      {t('portal.breaches.changes')}
                    </Text>
                    <Text size="sm" style={multiline}>
                      {v.changes}
                    </Text>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed" mt={4}>
                    {t('portal.breaches.firstNoticeText')}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>

        <Divider />

        <Questions breach={breach} titleId={`${anchor}-questions`} />

        <Divider />

        <Group justify="space-between" align="center" gap="sm">
          <Box
            ref={statusRef}
            tabIndex={-1}
            role="status"
            aria-live="polite"
            style={{ flex: 1, minWidth: 240 }}
          >
            {acknowledged ? (
              <Group gap={6} wrap="nowrap">
                <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
                <Text size="sm" fw={500}>
                  {breach.acknowledgedBy
                    ? t('portal.breaches.acknowledgedBy', {
                        when: format.dateTime(breach.acknowledgedAt),
                        by: breach.acknowledgedBy,
                      })
                    : t('portal.breaches.acknowledgedAt', { when: format.dateTime(breach.acknowledgedAt) })}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('portal.breaches.acknowledgeHint')}
              </Text>
            )}
          </Box>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={downloading === 'pdf'}
              onClick={() => void download('pdf')}
              aria-describedby={titleId}
            >
              {t('portal.breaches.downloadPdf')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={downloading === 'json'}
              onClick={() => void download('json')}
              aria-describedby={titleId}
            >
              {t('portal.breaches.downloadApForm')}
            </Button>
            {acknowledged ? null : (
              <Button
                leftSection={<IconCircleCheck size={16} aria-hidden />}
                loading={acknowledge.isPending}
                aria-describedby={titleId}
                onClick={() =>
                  acknowledge.mutate(latest.id, {
                    onSuccess: () => statusRef.current?.focus(),
                    onError: (error) => notifyError(error, t, t('portal.breaches.acknowledgeFailed')),
                  })
                }
              >
                {t('portal.breaches.acknowledge')}
              </Button>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('portal.breaches.downloadHint')}
        </Text>
      </Stack>
    </Card>
  );
}
