import { Box, Button, Group, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { IncidentMessage } from '../api/types.ts';

export const messageMaxLength = 5000;

export type ThreadLabels = {
  /** accessible name of the list of messages */
  list: string;
  empty: string;
  /** how the other side and this side are named next to the author's name */
  customer: string;
  processor: string;
  compose: string;
  composeHint: string;
  send: string;
  sent: string;
};

type MessageThreadProps = {
  messages: IncidentMessage[] | undefined;
  loading: boolean;
  error: unknown;
  /** whose screen this is: their own messages sit on the right */
  side: IncidentMessage['author'];
  labels: ThreadLabels;
  /** without it the thread is read-only (the auditor, a customer without a notice) */
  onSend?: ((body: string) => Promise<unknown>) | undefined;
  sending?: boolean;
  sendError?: unknown;
};

/**
 * The question thread of one notified customer (issue 8): who wrote what and when, oldest first, and a box to add
 * to it. Messages are never edited or removed, so there is nothing to do with one once it is sent.
 */
export function MessageThread({
  messages,
  loading,
  error,
  side,
  labels,
  onSend,
  sending = false,
  sendError,
}: MessageThreadProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [empty, setEmpty] = useState(false);
  const [announce, setAnnounce] = useState('');

  const submit = async () => {
    const body = draft.trim();
    if (body === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    try {
      await onSend?.(body);
      setDraft('');
      setAnnounce(labels.sent);
    } catch {
      // shown through sendError
    }
  };

  return (
    <Stack gap="sm">
      <ErrorAlert error={error} />
      {loading ? <Skeleton h={60} /> : null}
      {messages && messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {labels.empty}
        </Text>
      ) : null}
      {messages && messages.length > 0 ? (
        <Stack component="ol" gap="xs" m={0} p={0} aria-label={labels.list}>
          {messages.map((m) => {
            const own = m.author === side;
            return (
              <Box
                component="li"
                key={m.id}
                style={{
                  listStyle: 'none',
                  display: 'flex',
                  justifyContent: own ? 'flex-end' : 'flex-start',
                }}
              >
                <Paper
                  withBorder
                  radius="md"
                  p="sm"
                  maw="85%"
                  bg={own ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Group gap={6} mb={4} wrap="wrap">
                    <Text size="xs" fw={700}>
                      {m.authorName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      ({m.author === 'customer' ? labels.customer : labels.processor})
                    </Text>
                    <Text size="xs" c="dimmed">
                      <DateTimeText value={m.createdAt} />
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.body}
                  </Text>
                </Paper>
              </Box>
            );
          })}
        </Stack>
      ) : null}
      {onSend ? (
        <Stack gap={6}>
          <Textarea
            label={labels.compose}
            description={labels.composeHint}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={messageMaxLength}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setEmpty(false);
              setAnnounce('');
            }}
            error={empty ? t('validation.required') : undefined}
          />
          <Group justify="space-between" align="center">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('breaches.thread.length', { count: draft.length, max: messageMaxLength })}
              </Text>
              <Text size="xs" c="teal" role="status">
                {announce}
              </Text>
            </Stack>
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              loading={sending}
              onClick={() => void submit()}
            >
              {labels.send}
            </Button>
          </Group>
          <ErrorAlert error={sendError} />
        </Stack>
      ) : null}
    </Stack>
  );
}
