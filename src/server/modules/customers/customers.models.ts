import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { badRequest } from '../../http/errors.ts';
import type { CustomerDetail } from './customers.schemas.ts';
import type { DpaStatus } from './customers.table.ts';

export const zone = 'Europe/Amsterdam';

// The calendar date in the Netherlands at an instant: agreements and signatures are dated in local time.
export const localDate = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toISODate()!;

export type AgreementStatus = 'active' | 'terminated' | 'ended';

export function agreementStatus(
  agreement: { noticeGivenOn: string | null; endDate: string | null },
  today: string,
): AgreementStatus {
  if (agreement.endDate !== null && agreement.endDate < today) {
    return 'ended';
  }
  return agreement.noticeGivenOn !== null || agreement.endDate !== null ? 'terminated' : 'active';
}

export function isServiceActiveOn(service: { startDate: string; endDate: string | null }, day: string) {
  return service.startDate <= day && (service.endDate === null || service.endDate >= day);
}

export const kvkPattern = /^\d{8}$/;

export function normalisePhone(value: string, field: string): string {
  const parsed = parsePhoneNumberFromString(value, 'NL');
  if (!parsed?.isValid()) {
    throw badRequest('contacts.phone_invalid', `"${value}" is not a valid phone number.`, field);
  }
  return parsed.number;
}

export function formatPhone(e164: string | null): string | null {
  return e164 ? (parsePhoneNumberFromString(e164)?.formatInternational() ?? e164) : null;
}

export function checkServicePeriod(
  service: { startDate: string; endDate: string | null },
  agreement: { startDate: string; endDate: string | null },
  field: string,
) {
  if (service.endDate !== null && service.endDate < service.startDate) {
    throw badRequest(
      'agreements.service_end_before_start',
      'A service cannot end before it starts.',
      `${field}.endDate`,
    );
  }
  if (
    service.startDate < agreement.startDate ||
    (agreement.endDate !== null && service.startDate > agreement.endDate)
  ) {
    throw badRequest(
      'agreements.service_outside_agreement',
      `The service must start within the agreement (${agreement.startDate} – ${agreement.endDate ?? 'open'}).`,
      `${field}.startDate`,
    );
  }
  if (agreement.endDate !== null && service.endDate !== null && service.endDate > agreement.endDate) {
    throw badRequest(
      'agreements.service_outside_agreement',
      `The service cannot run past the agreement's end (${agreement.endDate}).`,
      `${field}.endDate`,
    );
  }
}

// Signing order is free; the DPA is in force from the day the last party signs (seed 2.1).
export function statusAfterSignature(status: DpaStatus, party: 'customer' | 'processor'): DpaStatus {
  const allowed: Record<'customer' | 'processor', DpaStatus[]> = {
    customer: ['sent', 'signed_by_processor'],
    processor: ['sent', 'signed_by_customer'],
  };
  if (!allowed[party].includes(status)) {
    const reason =
      status === 'draft'
        ? 'The DPA has not been sent for signature yet.'
        : status === 'active' || status === 'superseded'
          ? 'This DPA version is signed by both parties already.'
          : `The ${party} has signed this version already.`;
    throw badRequest('dpas.not_signable', reason, 'body.party');
  }
  return status === 'sent' ? (party === 'customer' ? 'signed_by_customer' : 'signed_by_processor') : 'active';
}

export type DpaLifecycle = DpaStatus | 'ended';

// Seed 2.3: the DPA ends with the agreement and cannot be ended on its own.
export function dpaLifecycle(status: DpaStatus, agreement: AgreementStatus): DpaLifecycle {
  return agreement === 'ended' && status !== 'superseded' ? 'ended' : status;
}

// The customer's services: those of its current agreement that run today, or — once the agreement has
// ended — those it had at the end, since the data stay until retention runs out (seed 2.4, 10).
export function servicesOnRecord(
  agreement: Pick<CustomerDetail['agreements'][number], 'services' | 'status' | 'endDate'> | null,
) {
  return (agreement?.services ?? []).filter((s) =>
    agreement?.status === 'ended' ? s.endDate === agreement.endDate : s.activeToday,
  );
}
