import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconInfoCircle, IconReplace } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundRoute } from '../../../app/routes/not-found.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { isApiError } from '../../../lib/api.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { countryName } from '../../settings/components/countries.ts';
import { subprocessorPage, useSubprocessor } from '../api/subprocessors.ts';
import type { Subprocessor } from '../api/types.ts';
import { useSubprocessorPermissions } from '../lib/permissions.ts';
import { describeBasis, describeProblem } from '../lib/transfers.ts';
import { ConsentCounts, ZoneBadge } from './badges.tsx';
import { ProfileForm } from './profile-form.tsx';

export function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/subprocessors" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('subprocessors.back')}
      </Group>
    </Anchor>
  );
}

function InfoCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={2} fz="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Dimmed({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function LocationsCard({ subprocessor }: { subprocessor: Subprocessor }) {
  const { t, i18n } = useTranslation();
  return (
    <InfoCard id="classification-title" title={t('subprocessors.detail.classification')}>
      {subprocessor.locations.length === 0 ? (
        <Dimmed>{t('subprocessors.locations.none')}</Dimmed>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table fz="sm" verticalSpacing={4} aria-labelledby="classification-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subprocessors.list.country')}</Table.Th>
                <Table.Th miw={130}>{t('subprocessors.detail.zone')}</Table.Th>
                <Table.Th>{t('subprocessors.detail.basis')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subprocessor.locations.map((l) => (
                <Table.Tr key={`${l.country}-${l.kind}`}>
                  <Table.Td>
                    {countryName(l.country, i18n.resolvedLanguage)}
                    <Text size="xs" c="dimmed">
                      {t(`subprocessors.locationKinds.${l.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <ZoneBadge zone={l.zone} size="sm" />
                      {l.needsTransferConsent ? (
                        <Text size="xs" c="dimmed">
                          {t('subprocessors.detail.needsTransferConsent')}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {l.problem ? (
                      <Text size="sm" c="red" fw={500}>
                        {describeProblem(l.problem)}
                      </Text>
                    ) : (
                      describeBasis(l.basis)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </InfoCard>
  );
}

function ChainCard({ subprocessor }: { subprocessor: Subprocessor }) {
  const { t } = useTranslation();
  return (
    <InfoCard id="chain-title" title={t('subprocessors.detail.chain')}>
      <Stack gap={6}>
        <Text size="sm">
          <Text span fw={500}>
            {t('subprocessors.detail.engagedBy')}:{' '}
          </Text>
          {subprocessor.engagedBy ? (
            <Anchor component={Link} to={subprocessorPage(subprocessor.engagedBy.id)} inherit>
              {subprocessor.engagedBy.name}
            </Anchor>
          ) : (
            t('subprocessors.detail.engagedByUs')
          )}
        </Text>
        <Text size="sm" fw={500}>
          {t('subprocessors.detail.engages')}:
        </Text>
        {subprocessor.engages.length === 0 ? (
          <Dimmed>{t('subprocessors.detail.engagesNone')}</Dimmed>
        ) : (
          <List size="sm" spacing={2}>
            {subprocessor.engages.map((p) => (
              <List.Item key={p.id}>
                <Anchor component={Link} to={subprocessorPage(p.id)} inherit>
                  {p.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </InfoCard>
  );
}

function AlertsCard({ subprocessor }: { subprocessor: Subprocessor }) {
  const { t } = useTranslation();
  return (
    <InfoCard id="party-alerts-title" title={t('subprocessors.detail.alerts')}>
      {subprocessor.alerts.length === 0 ? (
        <Dimmed>{t('subprocessors.detail.alertsNone')}</Dimmed>
      ) : (
        <List size="sm" spacing={4}>
          {subprocessor.alerts.map((a) => (
            <List.Item key={`${a.kind}-${a.subject}`}>
              <Text span fw={500} size="sm">
                {t(`subprocessors.alertKinds.${a.kind}` as never, { defaultValue: a.kind })}
              </Text>
              : {a.subject}
              {a.dueOn ? (
                <>
                  {' '}
                  ({t('subprocessors.alerts.due')} <DayText value={a.dueOn} />)
                </>
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

function EntriesCard({ subprocessor }: { subprocessor: Subprocessor }) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  return (
    <InfoCard
      id="entries-title"
      title={t('subprocessors.detail.entries', { count: subprocessor.entries.length })}
    >
      {subprocessor.entries.length === 0 ? (
        <Dimmed>{t('subprocessors.detail.entriesNone')}</Dimmed>
      ) : (
        <List size="sm" spacing={2}>
          {subprocessor.entries.map((e) => (
            <List.Item key={e.id}>
              <Text span fw={500} size="sm">
                {serviceLines.nameOf(e.serviceLine)}
              </Text>
              : {e.dataTypeNl}
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to={`/register?subprocessor=${encodeURIComponent(subprocessor.id)}`} size="sm">
        {t('subprocessors.detail.toRegister')}
      </Anchor>
    </InfoCard>
  );
}

export function SubprocessorDetailPage() {
  const { t, i18n } = useTranslation();
  const { partyId = '' } = useParams();
  const query = useSubprocessor(partyId);
  const { canEditProfile, canPropose } = useSubprocessorPermissions();
  usePageTitle(query.data?.name ?? t('subprocessors.title'));

  if (query.isPending) {
    return (
      <Stack gap="md">
        <BackToList />
        <Skeleton h={48} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundRoute />;
    }
    return (
      <Stack gap="md">
        <BackToList />
        <ErrorAlert error={query.error} title={t('errors.loadTitle')} />
      </Stack>
    );
  }
  const s = query.data;
  const seat = s.country ? countryName(s.country, i18n.resolvedLanguage) : t('subprocessors.countryUnknown');

  return (
    <Stack gap="md">
      <BackToList />
      <PageHeader
        title={s.name}
        description={[
          s.legalName && s.legalName !== s.name ? s.legalName : null,
          `${t('subprocessors.detail.seat')}: ${seat}`,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          canPropose && !s.retiredAt ? (
            <Button
              component={Link}
              to={`/subprocessors/proposals/new?partyId=${encodeURIComponent(s.id)}`}
              variant="light"
              leftSection={<IconReplace size={16} aria-hidden />}
            >
              {t('subprocessors.proposal.button')}
            </Button>
          ) : null
        }
      />
      <Group gap="xs" mt={-12}>
        {s.profile?.namedInAgreement ? (
          <Badge variant="light" color="indigo">
            {t('subprocessors.detail.namedInAgreement')}
          </Badge>
        ) : null}
        {s.retiredAt ? (
          <Badge variant="outline" color="gray">
            {t('subprocessors.retired')}
          </Badge>
        ) : null}
        {s.transferOutsideEea ? (
          <Badge variant="light" color="orange">
            {t('subprocessors.detail.outsideEea')}
          </Badge>
        ) : null}
      </Group>
      {s.transferProblems.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('subprocessors.transfer.blockedTitle')}
        >
          <Stack gap={4}>
            <Text size="sm">{t('subprocessors.transfer.blockedIntro')}</Text>
            <List size="sm" spacing={2}>
              {s.transferProblems.map((p) => (
                <List.Item key={p}>
                  {t('subprocessors.transfer.blocked', { reason: describeProblem(p) })}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      ) : null}
      {!s.profile ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('subprocessors.detail.noProfile')}
        </Alert>
      ) : null}
      {!canEditProfile ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('subprocessors.detail.readOnly')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <LocationsCard subprocessor={s} />
        <Stack gap="md">
          <InfoCard id="consent-title" title={t('subprocessors.detail.consent')}>
            <ConsentCounts counts={s.consentCounts} />
            <Text size="xs" c="dimmed">
              {s.profile?.namedInAgreement
                ? t('subprocessors.detail.consentNamed')
                : t('subprocessors.detail.consentAsk')}
            </Text>
          </InfoCard>
          <ChainCard subprocessor={s} />
        </Stack>
        <AlertsCard subprocessor={s} />
        <EntriesCard subprocessor={s} />
      </SimpleGrid>
      <Title order={2} fz="h3" id="profile-title" mt="md">
        {t('subprocessors.profile.title')}
      </Title>
      <ProfileForm key={s.id} subprocessor={s} canEdit={canEditProfile} />
    </Stack>
  );
}
