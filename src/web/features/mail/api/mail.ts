import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Locale } from '../../../lib/api-types.ts';

// Shapes of /api/v1/mail (mail.schemas.ts).
export const emailStatuses = ['outbox', 'queued', 'sent', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];
export const smtpSecurities = ['auto', 'starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurities)[number];
export const emailTemplates = ['notice', 'test'] as const;

export type SmtpServer = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  passwordSet: boolean;
  url: string;
};

export type SenderSource = 'settings' | 'environment' | 'smtp-user' | 'processor' | 'default';

export type MailSettings = {
  smtp: SmtpServer | null;
  smtpSource: 'settings' | 'environment' | null;
  from: { name: string; address: string; source: SenderSource };
  override: { smtp: SmtpServer | null; mailFrom: string | null };
  environment: { smtpUrl: string | null; mailFrom: string | null };
  updatedAt: string | null;
};

export type MailSettingsUpdate = {
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    username: string;
    password?: string;
  } | null;
  mailFrom: string | null;
};

export type EmailSummary = {
  id: string;
  to: string;
  subject: string;
  template: string;
  locale: Locale;
  status: EmailStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sensitive: boolean;
  related: { type: string; id: string | null } | null;
  queuedBy: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
};

export type EmailEventKind = 'queued' | 'outbox' | 'deferred' | 'sent' | 'failed' | 'released';

export type EmailDetail = EmailSummary & {
  text: string;
  htmlPreview: string;
  bodiesErasedAt: string | null;
  smtpMessageId: string | null;
  smtpResponse: string | null;
  events: {
    kind: EmailEventKind;
    attempt: number;
    detail: string | null;
    actor: string;
    occurredAt: string;
  }[];
};

export type EmailList = { items: EmailSummary[]; total: number; counts: Record<EmailStatus, number> };

export type EmailQuery = {
  status?: EmailStatus;
  to?: string;
  template?: string;
  limit: number;
  offset: number;
};

const settingsKey = ['mail', 'settings'] as const;
const messagesKey = ['mail', 'messages'] as const;

export function useMailSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<MailSettings>('/mail/settings') });
}

export function useUpdateMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MailSettingsUpdate) =>
      api<MailSettings>('/mail/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}

export function useEmails(query: EmailQuery) {
  return useQuery({
    queryKey: [...messagesKey, 'list', query],
    queryFn: ({ signal }) => api<EmailList>('/mail/messages', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEmail(id: string | null) {
  return useQuery({
    queryKey: [...messagesKey, 'detail', id],
    queryFn: ({ signal }) => api<EmailDetail>(`/mail/messages/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

function useInvalidateMessages() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: messagesKey });
}

export function useSendTestEmail() {
  const invalidate = useInvalidateMessages();
  return useMutation({
    mutationFn: (input: { to: string; locale: Locale }) =>
      api<EmailDetail>('/mail/test', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useSendEmailNow() {
  const invalidate = useInvalidateMessages();
  return useMutation({
    mutationFn: (id: string) => api<EmailDetail>(`/mail/messages/${id}/send`, { method: 'POST' }),
    onSettled: invalidate,
  });
}

export function useReleaseOutbox() {
  const invalidate = useInvalidateMessages();
  return useMutation({
    mutationFn: () =>
      api<{ released: number; sent: number; deferred: number; failed: number }>('/mail/outbox/send', {
        method: 'POST',
      }),
    onSettled: invalidate,
  });
}
