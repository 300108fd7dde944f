import type { Ctx } from '../../context.ts';
import type { Db, Tx } from '../../db/database.ts';
import { findCustomerForAccess } from '../customers/customers.usecases.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';

type Links = { publicUrl: string };

// Staff hear of what a customer does in the portal at the processor's privacy address, in the transaction of the
// change itself, so a change that rolls back sends nothing. No address set up: nobody to tell.
export async function notifyStaff(
  tx: Tx,
  ctx: Ctx,
  links: Links,
  customerId: string,
  message: {
    subject: (customer: string) => string;
    paragraphs: string[];
    // where staff act on it; by default the customer's page
    action?: { label: string; url: string };
  },
) {
  const profile = await getProcessorProfile({ ...ctx, db: tx as Db });
  if (!profile.privacyContactEmail.trim()) {
    return;
  }
  const customer = await findCustomerForAccess(tx, customerId);
  await queueEmail(tx, ctx, {
    to: profile.privacyContactEmail,
    template: 'notice',
    locale: 'nl',
    data: {
      subject: message.subject(customer.legalName),
      paragraphs: message.paragraphs,
      action: message.action ?? {
        label: 'Klant openen in art28',
        url: `${links.publicUrl}/customers/${customerId}`,
      },
    },
    related: { type: 'customer', id: customerId },
  });
}
