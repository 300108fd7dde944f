import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CreateApiTokenModal } from '../../../components/api-token-create-modal.tsx';
import type { StaffRole } from '../../../lib/api-types.ts';
import { requiredText } from '../../../lib/form.ts';
import { staffRoles } from '../../../lib/roles.ts';
import { useCreateToken } from '../api/tokens.ts';
import { isStaffRole, useRoleOptions } from './roles-help.tsx';

const schema = z.object({
  name: requiredText(100),
  role: z.enum(staffRoles, { error: 'validation.required' }),
});

/** Creates a staff API token: a name and a role; the secret is shown once (see CreateApiTokenModal). */
export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const roleOptions = useRoleOptions();

  return (
    <CreateApiTokenModal<{ name: string; role: StaffRole | '' }, z.output<typeof schema>>
      opened={opened}
      onClose={onClose}
      title={t('tokens.createTitle')}
      nameHint={t('tokens.nameHint')}
      footnote={t('tokens.leastPrivilege')}
      initialValues={{ name: '', role: 'auditor' }}
      schema={schema}
      create={create}
      errorFields={['name', 'role']}
      extraFields={(form) => (
        <Select
          label={t('tokens.fields.role')}
          description={form.values.role ? t(`roles.${form.values.role}.description`) : undefined}
          data={roleOptions}
          value={form.values.role || null}
          onChange={(value) => form.setValue('role', isStaffRole(value) ? value : '')}
          allowDeselect={false}
          required
          error={form.errorText('role')}
          errorProps={{ role: 'alert' }}
        />
      )}
    />
  );
}
