import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCustomers } from '../../customers/api/customers.ts';

const everyCustomer = { sort: 'legalName', order: 'asc', limit: 500, offset: 0 } as const;

/** A searchable choice among the customers (by legal name), for filters and the staff intake. */
export function CustomerSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (customerId: string | null) => void;
}) {
  const { t } = useTranslation();
  const customers = useCustomers(everyCustomer);
  const data = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.legalName }));
  return (
    <Select
      searchable
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={t('requests.nothingFound')}
      disabled={customers.isPending}
      {...props}
    />
  );
}
