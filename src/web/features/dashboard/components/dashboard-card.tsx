import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';

/**
 * The frame of a dashboard card: a region named by its heading, a link to the full list, and for a card that
 * loads its own list the error, a placeholder while it loads and a line when there is nothing to show.
 */
export function DashboardCard({
  titleId,
  title,
  link,
  description,
  error,
  loading = false,
  emptyText,
  children,
}: {
  /** The heading's id; a table in the card may take its name from it too. */
  titleId: string;
  title: string;
  link?: { to: string; label: string };
  description?: string;
  error?: unknown;
  loading?: boolean;
  /** Shown when given: the list has loaded and is empty. */
  emptyText?: string | null;
  children?: ReactNode;
}) {
  const heading = (
    <Title order={2} fz="h4" id={titleId}>
      {title}
    </Title>
  );
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        {link ? (
          <Group justify="space-between" align="baseline">
            {heading}
            <Anchor component={Link} to={link.to} size="sm">
              {link.label}
            </Anchor>
          </Group>
        ) : (
          heading
        )}
        {description ? (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        ) : null}
        <ErrorAlert error={error} />
        {loading ? <Skeleton h={80} /> : null}
        {emptyText ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}
