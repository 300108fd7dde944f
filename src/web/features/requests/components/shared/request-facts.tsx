import { Alert, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../../../components/date-time.tsx';
import { useFormat } from '../../../../lib/format.ts';
import type { RequestDetail } from '../../api/types.ts';
import { RequestCountdown, RequestStatusBadge, RightBadge } from '../badges.tsx';

// The facts about one request that the staff detail page and the customer's portal page both show. The labels
// and hints that are worded for the customer come in as props; the facts only staff see stay on the staff page.

/** One term and its description inside a `<dl>`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

export function RightFact({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <Fact label={t('requests.detail.right')}>
      <RightBadge right={request.rightType} />
    </Fact>
  );
}

export function StatusFact({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <Fact label={t('requests.detail.status')}>
      <Group gap="xs" component="span">
        <RequestStatusBadge status={request.status} />
        {request.statusReason ? (
          <Text size="xs" c="dimmed" component="span">
            {request.statusReason}
          </Text>
        ) : null}
      </Group>
    </Fact>
  );
}

/** The 14-day countdown and the due instant; `note` says why the clock stood still. */
export function DueFact({
  request,
  label,
  note,
}: {
  request: RequestDetail;
  label: string;
  note?: ReactNode;
}) {
  return (
    <Fact label={label}>
      <Group gap="xs" component="span">
        <RequestCountdown status={request.status} dueAt={request.dueAt} completedAt={request.completedAt} />
        <DateTimeText value={request.dueAt} size="xs" c="dimmed" />
      </Group>
      {note ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
    </Fact>
  );
}

/** The customer's own deadline towards the person (one month, or three when extended), when known. */
export function CustomerDeadlineFact({
  request,
  label,
  hint,
}: {
  request: RequestDetail;
  label: string;
  hint: (months: number) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Fact label={label}>
      {request.customerDeadline ? (
        <>
          {format.date(request.customerDeadline)}
          <Text size="xs" c="dimmed">
            {hint(request.customerDeadlineExtended ? 3 : 1)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed" component="span">
          {t('requests.detail.customerDeadlineUnknown')}
        </Text>
      )}
    </Fact>
  );
}

export function ScopeFact({ request, nameOf }: { request: RequestDetail; nameOf: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <Fact label={t('requests.detail.scope')}>{request.scope.map((code) => nameOf(code)).join(', ')}</Fact>
  );
}

export function NotesAlert({ notes, title, mt }: { notes: string | null; title: string; mt?: string }) {
  if (!notes) {
    return null;
  }
  return (
    <Alert mt={mt} variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} title={title}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {notes}
      </Text>
    </Alert>
  );
}
