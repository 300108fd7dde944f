import type { Customer } from '../../customers/api/types.ts';

/** The service lines a customer takes, as the server counts them (servicesOnRecord in customers.models.ts). */
export function serviceCodesOf(customer: Pick<Customer, 'agreements'> | undefined): string[] {
  const codes = new Set<string>();
  for (const agreement of customer?.agreements ?? []) {
    for (const service of agreement.services) {
      const onRecord =
        agreement.status === 'ended' ? service.endDate === agreement.endDate : service.activeToday;
      if (onRecord) {
        codes.add(service.serviceLineCode);
      }
    }
  }
  return [...codes];
}
