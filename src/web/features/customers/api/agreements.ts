import { api, apiUrl } from '../../../lib/api.ts';
import { customerPath, useCustomerMutation } from './customers.ts';
import type { AgreementFields, Customer, ServiceFields, SignatureFields } from './types.ts';

const agreementPath = (customerId: string, agreementId: string, rest = '') =>
  customerPath(customerId, `/agreements/${encodeURIComponent(agreementId)}${rest}`);
const dpaPath = (customerId: string, agreementId: string, dpaId: string, rest = '') =>
  agreementPath(customerId, agreementId, `/dpas/${encodeURIComponent(dpaId)}${rest}`);

export function useCreateAgreement(customerId: string) {
  return useCustomerMutation((input: AgreementFields) =>
    api<Customer>(customerPath(customerId, '/agreements'), { method: 'POST', body: input }),
  );
}

export function useGiveNotice(customerId: string, agreementId: string) {
  return useCustomerMutation((input: { noticeGivenOn: string; endDate: string }) =>
    api<Customer>(agreementPath(customerId, agreementId, '/notice'), { method: 'POST', body: input }),
  );
}

export function useAddService(customerId: string, agreementId: string) {
  return useCustomerMutation((input: ServiceFields) =>
    api<Customer>(agreementPath(customerId, agreementId, '/services'), { method: 'POST', body: input }),
  );
}

export function useEndService(customerId: string, agreementId: string) {
  return useCustomerMutation(({ serviceId, endDate }: { serviceId: string; endDate: string | null }) =>
    api<Customer>(agreementPath(customerId, agreementId, `/services/${encodeURIComponent(serviceId)}`), {
      method: 'PATCH',
      body: { endDate },
    }),
  );
}

export function useCreateDpaVersion(customerId: string, agreementId: string) {
  return useCustomerMutation((reason: string | null) =>
    api<Customer>(agreementPath(customerId, agreementId, '/dpas'), { method: 'POST', body: { reason } }),
  );
}

export function useSendDpa(customerId: string, agreementId: string) {
  return useCustomerMutation((dpaId: string) =>
    api<Customer>(dpaPath(customerId, agreementId, dpaId, '/send'), { method: 'POST' }),
  );
}

export function useSignDpa(customerId: string, agreementId: string) {
  return useCustomerMutation(({ dpaId, ...input }: SignatureFields & { dpaId: string }) =>
    api<Customer>(dpaPath(customerId, agreementId, dpaId, '/signatures'), { method: 'POST', body: input }),
  );
}

export const signatureFileUrl = (
  customerId: string,
  agreementId: string,
  dpaId: string,
  signatureId: string,
) => apiUrl(dpaPath(customerId, agreementId, dpaId, `/signatures/${encodeURIComponent(signatureId)}/file`));
