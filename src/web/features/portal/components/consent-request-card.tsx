import { Alert, Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconWorld } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../../components/date-time.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { DayText } from '../../customers/components/day-text.tsx';
import type { SubprocessorRequest } from '../api/types.ts';
import { requestAnchor } from '../lib/anchors.ts';
import { countryList } from '../lib/locations.ts';
import type { ConsentDecision } from './consent-modals.tsx';
import { SubprocessorLocations } from './subprocessor-locations.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
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

/** One question for the customer: what, why, where, from when, what it replaces, and until when to answer. */
export function ConsentRequestCard({
  request,
  isAdmin,
  serviceName,
  onAnswer,
}: {
  request: SubprocessorRequest;
  isAdmin: boolean;
  serviceName: (code: string) => string;
  onAnswer: (request: SubprocessorRequest, decision: ConsentDecision) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const en = lng === 'en';
  const titleId = `${requestAnchor(request.partyId)}-title`;
  const services = en
    ? (request.servicesEn ?? request.servicesNl)
    : (request.servicesNl ?? request.servicesEn);
  const serviceNames = request.serviceLines.map(serviceName).join(', ');
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      id={requestAnchor(request.partyId)}
      aria-labelledby={titleId}
      tabIndex={-1}
      style={{ scrollMarginTop: 80 }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
            <Group gap="xs" align="center">
              <Title order={3} fz="h4" id={titleId}>
                {request.name}
              </Title>
              <Badge variant="light" color={request.kind === 'replace' ? 'indigo' : 'blue'} size="sm">
                {t(`portal.subprocessors.requestKinds.${request.kind}`)}
              </Badge>
            </Group>
            {request.legalName && request.legalName !== request.name ? (
              <Text size="sm" c="dimmed">
                {request.legalName}
              </Text>
            ) : null}
          </Stack>
          {request.respondBy ? (
            <Stack gap={4} align="flex-end">
              <Text size="xs" c="dimmed">
                {t('portal.subprocessors.respondBy')} <DateTimeText value={request.respondBy} fw={600} />
              </Text>
              <DeadlineBadge due={request.respondBy} warnBefore={{ days: 3 }} />
            </Stack>
          ) : null}
        </Group>

        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
          <Field label={t('portal.subprocessors.what')}>
            <Text size="sm">{services ?? t('portal.subprocessors.noDescription')}</Text>
            {serviceNames ? (
              <Text size="xs" c="dimmed" mt={2}>
                {t('portal.subprocessors.forServices', { services: serviceNames })}
              </Text>
            ) : null}
          </Field>
          <Field label={t('portal.subprocessors.why')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {request.reasonForChange}
            </Text>
          </Field>
          <Field label={t('portal.subprocessors.where')}>
            <SubprocessorLocations
              locations={request.locations}
              label={t('portal.subprocessors.locationsOf', { name: request.name })}
              detailed
            />
          </Field>
          <Stack gap="sm">
            <Field label={t('portal.subprocessors.from')}>
              <DayText value={request.effectiveFrom} fw={600} />
            </Field>
            {request.replaces ? (
              <Field label={t('portal.subprocessors.replaces')}>
                <Text size="sm">{request.replaces}</Text>
              </Field>
            ) : null}
          </Stack>
        </SimpleGrid>

        {request.transferRequired ? (
          <Alert color="orange" variant="light" icon={<IconWorld aria-hidden />} p="sm" role="note">
            <Text size="sm">
              {t('portal.subprocessors.transferNotice', {
                name: request.name,
                countries: countryList(request.locations, lng, true),
              })}
            </Text>
          </Alert>
        ) : null}

        <Group justify="space-between" align="center" gap="sm">
          <Text size="xs" c="dimmed" maw={520}>
            {t('portal.subprocessors.silence', { name: request.name })}
          </Text>
          {isAdmin ? (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconCircleX size={16} aria-hidden />}
                onClick={() => onAnswer(request, 'object')}
                aria-describedby={titleId}
              >
                {t('portal.subprocessors.object')}
              </Button>
              <Button
                leftSection={<IconCircleCheck size={16} aria-hidden />}
                onClick={() => onAnswer(request, 'give')}
                aria-describedby={titleId}
              >
                {t('portal.subprocessors.give')}
              </Button>
            </Group>
          ) : (
            <Text size="sm" fw={500}>
              {t('portal.subprocessors.adminOnly')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
