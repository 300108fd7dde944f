import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type {
  CiaAspect,
  ContactsKnown,
  EncryptionState,
  IncidentAction,
  IncidentMessage,
  ObligationStatus,
} from '../../breaches/api/types.ts';
import { portalKey, usePortalMutation } from '../../portal/api/portal.ts';

// The customer's side of clause 8 (/api/v1/portal/breaches…), as portalNoticeSchema in breaches.schemas.ts on the
// server defines it. Instants are ISO 8601 strings with an offset.

/** The Annex 3 answers as they stood when one version of the notice was sent. */
export type PortalBreachContent = {
  reference: string;
  title: string;
  summary: string;
  dataTypes: string[];
  personsMin: number;
  personsMax: number;
  subjectsGroup: string;
  vulnerableGroup: boolean;
  contactsKnown: ContactsKnown | string;
  rootCause: string;
  occurredFrom: string | null;
  occurredTo: string | null;
  discoveredAt: string;
  ongoing: boolean;
  aspects: (CiaAspect | string)[];
  actions: (IncidentAction | string)[];
  encryption: EncryptionState | string;
  affectedSystems: string | null;
  measuresTaken: string | null;
  measuresPlanned: string | null;
  /** Art. 33(3)(c); null when not described (or the notice predates the question). */
  likelyConsequences: string | null;
  processorContact: { organisation: string; name: string; email: string; phone: string };
  /** Art. 33(1) guidance only: the customer's own 72 hours, counted from the notice. */
  customerGuidanceDeadline: string;
};

/** One version of a notice: 1 is the first notice (seed 8.1), 2+ are updates with `changes` (seed 8.2). */
export type PortalBreachNotice = {
  id: string;
  version: number;
  changes: string | null;
  sentAt: string;
  language: 'nl' | 'en';
  content: PortalBreachContent;
  /** The processor's obligation towards this customer (the same on every version of one incident). */
  status: ObligationStatus;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

/** All versions of the notices about one incident, the newest first. */
export type PortalBreach = {
  reference: string;
  latest: PortalBreachNotice;
  versions: PortalBreachNotice[];
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The customer's 72 hours, from the first notice it received. */
  guidanceDeadline: string;
};

const enc = encodeURIComponent;

/** Groups the versions by incident (content.reference); the incident with the newest notice comes first. */
export function groupNotices(items: PortalBreachNotice[]): PortalBreach[] {
  const byReference = new Map<string, PortalBreachNotice[]>();
  for (const item of items) {
    const list = byReference.get(item.content.reference) ?? [];
    list.push(item);
    byReference.set(item.content.reference, list);
  }
  const groups = [...byReference.entries()].map(([reference, list]) => {
    const versions = [...list].sort((a, b) => b.version - a.version || b.sentAt.localeCompare(a.sentAt));
    const latest = versions[0]!;
    const first = versions[versions.length - 1]!;
    const acknowledged = versions.find((v) => v.acknowledgedAt) ?? null;
    return {
      reference,
      latest,
      versions,
      acknowledgedAt: acknowledged?.acknowledgedAt ?? null,
      acknowledgedBy: acknowledged?.acknowledgedBy ?? null,
      guidanceDeadline: first.content.customerGuidanceDeadline,
    };
  });
  return groups.sort((a, b) => b.latest.sentAt.localeCompare(a.latest.sentAt));
}

export function usePortalBreaches() {
  return useQuery({
    queryKey: [...portalKey, 'breaches'],
    queryFn: async ({ signal }) =>
      (await api<{ items: PortalBreachNotice[] }>('/portal/breaches', { signal })).items,
  });
}

/** Confirms receipt (any portal user may); not a decision about notifying the AP. */
export function useAcknowledgeBreach() {
  return usePortalMutation((noticeId: string) =>
    api<PortalBreachNotice>(`/portal/breaches/${enc(noticeId)}/acknowledge`, { method: 'POST' }),
  );
}

/** The questions about one incident's notice and the processor's answers, oldest first. */
export function usePortalBreachThread(noticeId: string) {
  return useQuery({
    queryKey: [...portalKey, 'breaches', 'thread', noticeId],
    queryFn: async ({ signal }) =>
      (await api<{ items: IncidentMessage[] }>(`/portal/breaches/${enc(noticeId)}/messages`, { signal }))
        .items,
  });
}

/** Asks the processor a question about the notice (any portal user may); staff are told by e-mail. */
export function useAskBreachQuestion() {
  return usePortalMutation(
    async ({ noticeId, body }: { noticeId: string; body: string }) =>
      (
        await api<{ items: IncidentMessage[] }>(`/portal/breaches/${enc(noticeId)}/messages`, {
          method: 'POST',
          body: { body },
        })
      ).items,
  );
}

/** The notice laid out like the AP's breach form (JSON), for the customer's own report. */
export const portalApFormUrl = (noticeId: string) => apiUrl(`/portal/breaches/${enc(noticeId)}/ap-form`);
export const portalNoticePdfUrl = (noticeId: string) => apiUrl(`/portal/breaches/${enc(noticeId)}/pdf`);
