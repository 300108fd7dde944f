import { createHash } from 'node:crypto';
import {
  maxAttachmentBytes,
  maxAttachmentsTotalBytes,
  maxSignedPdfBytes,
} from '../../../shared/upload-limits.ts';
import type { Ctx } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { getRegister, listServiceLines } from '../register/register.usecases.ts';
import {
  agreementStatus,
  checkServicePeriod,
  dpaLifecycle,
  isServiceActiveOn,
  localDate,
  normalisePhone,
  statusAfterSignature,
} from './customers.models.ts';
import * as repo from './customers.repository.ts';
import type {
  AgreementFields,
  ContactFields,
  CustomerDetail,
  CustomerFields,
  CustomerListQuery,
  InstructionFields,
  ServiceFields,
  SignatureFields,
} from './customers.schemas.ts';
import type { ContactRole, DpaStatus } from './customers.table.ts';

const today = (ctx: Pick<Ctx, 'clock'>) => localDate(ctx.clock.now());
const iso = (d: Date | null) => d?.toISOString() ?? null;

export type ServiceLineLookup = {
  exists: (db: DbOrTx, code: string) => Promise<boolean>;
  currentRegisterVersion: (db: DbOrTx) => Promise<number | null>;
};

// The register owns the service lines; agreements only refer to them.
export const serviceLineLookup: ServiceLineLookup = {
  exists: async (db, code) =>
    (await listServiceLines({ db })).some((l) => l.code === code && l.retiredAt === null),
  currentRegisterVersion: async (db) =>
    (await getRegister({ db }, { includeRetired: false })).version?.version ?? null,
};

async function requireCustomer(db: DbOrTx, id: string) {
  const customer = await repo.findCustomer(db, id);
  if (!customer) {
    throw notFound('Customer');
  }
  return customer;
}

// For other modules (portal accounts): the customer and, optionally, one of its live contacts, or a 404.
export async function findCustomerForAccess(db: DbOrTx, customerId: string, contactId?: string | undefined) {
  const customer = await requireCustomer(db, customerId);
  if (contactId !== undefined && !(await repo.findContact(db, customerId, contactId))) {
    throw notFound('Contact');
  }
  return { id: customer.id, legalName: customer.legalName, locale: customer.locale };
}

async function requireAgreement(db: DbOrTx, customerId: string, id: string) {
  await requireCustomer(db, customerId);
  const agreement = await repo.findAgreement(db, customerId, id);
  if (!agreement) {
    throw notFound('Agreement');
  }
  return agreement;
}

export async function listCustomers(ctx: Pick<Ctx, 'db' | 'clock'>, query: CustomerListQuery) {
  return repo.searchCustomers(ctx.db, query, today(ctx));
}

export async function getCustomer(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): Promise<CustomerDetail> {
  const customer = await requireCustomer(ctx.db, id);
  const day = today(ctx);
  const [contacts, agreementRows] = await Promise.all([
    repo.listContacts(ctx.db, id),
    repo.listAgreements(ctx.db, id),
  ]);
  const agreementIds = agreementRows.map((a) => a.id);
  const [services, dpaRows] = await Promise.all([
    repo.listServices(ctx.db, agreementIds),
    repo.listDpas(ctx.db, agreementIds),
  ]);
  const signatures = await repo.listSignatures(
    ctx.db,
    dpaRows.map((d) => d.id),
  );
  const agreements = agreementRows.map((a) => {
    const status = agreementStatus(a, day);
    return {
      id: a.id,
      reference: a.reference,
      startDate: a.startDate,
      noticeGivenOn: a.noticeGivenOn,
      endDate: a.endDate,
      status,
      services: services
        .filter((s) => s.agreementId === a.id)
        .map((s) => ({
          id: s.id,
          serviceLineCode: s.serviceLineCode,
          startDate: s.startDate,
          endDate: s.endDate,
          activeToday: isServiceActiveOn(s, day) && status !== 'ended',
        })),
      dpas: dpaRows
        .filter((d) => d.agreementId === a.id)
        .map((d) => ({
          id: d.id,
          version: d.version,
          status: dpaLifecycle(d.status, status),
          registerVersion: d.registerVersion,
          reason: d.reason,
          sentAt: iso(d.sentAt),
          effectiveDate: d.effectiveDate,
          supersededOn: d.supersededOn,
          createdAt: d.createdAt.toISOString(),
          // the old version stays in force until its successor is active
          inForce: d.status === 'active' && status !== 'ended',
          signatures: signatures
            .filter((s) => s.dpaId === d.id)
            .map(({ dpaId, ...s }) => ({ ...s, signedAt: s.signedAt.toISOString() })),
        })),
    };
  });
  return {
    ...customer,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
    status: agreements[0]?.status ?? 'none',
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      roles: c.roles,
    })),
    agreements,
  };
}

const auditView = (c: repo.CustomerRow) => ({
  legalName: c.legalName,
  kvkNumber: c.kvkNumber,
  street: c.street,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
  locale: c.locale,
  isDemo: c.isDemo,
});

export async function createCustomer(ctx: Ctx, fields: CustomerFields, options: { isDemo?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    if (await repo.findCustomerByKvk(tx, fields.kvkNumber)) {
      throw conflict(
        'customers.kvk_taken',
        `A customer with KvK number ${fields.kvkNumber} exists already.`,
        'body.kvkNumber',
      );
    }
    const now = ctx.clock.now();
    const customer = await repo.insertCustomer(tx, {
      ...fields,
      isDemo: options.isDemo ?? false,
      createdAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: customer.id,
      after: auditView(customer),
    });
    return customer;
  });
}

export async function updateCustomer(ctx: Ctx, id: string, patch: Partial<CustomerFields>) {
  return ctx.db.transaction(async (tx) => {
    const before = await requireCustomer(tx, id);
    if (
      patch.kvkNumber &&
      patch.kvkNumber !== before.kvkNumber &&
      (await repo.findCustomerByKvk(tx, patch.kvkNumber))
    ) {
      throw conflict(
        'customers.kvk_taken',
        `A customer with KvK number ${patch.kvkNumber} exists already.`,
        'body.kvkNumber',
      );
    }
    const after = await repo.updateCustomer(tx, id, { ...patch, updatedAt: ctx.clock.now() });
    await recordAuditEvent(tx, ctx, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

function checkContact(fields: ContactFields): ContactFields {
  const phone = fields.phone ? normalisePhone(fields.phone, 'body.phone') : null;
  // Seed 8.1: a breach is reported by phone to the ICT lead, so the ICT lead must have a number.
  if (fields.roles.includes('ict-lead') && !phone) {
    throw badRequest(
      'contacts.ict_lead_phone',
      'The ICT lead needs a phone number: breaches are reported to them by phone (clause 8.1).',
      'body.phone',
    );
  }
  return {
    ...fields,
    email: fields.email.toLowerCase(),
    phone,
    roles: [...new Set(fields.roles)] as ContactRole[],
  };
}

// What a caller outside this module may add to a contact change, inside the same transaction. The portal sets
// both: its customers may not leave themselves without an ICT lead or privacy contact, and staff hear of every
// change. Staff themselves may (a customer being set up or imported has gaps they fill in later).
export type ContactChange = {
  action: 'added' | 'updated' | 'removed';
  customerId: string;
  before: ContactFields | null;
  after: ContactFields | null;
};
export type ContactChangeOptions = {
  keepRequiredRoles?: boolean;
  onChange?: (tx: Tx, change: ContactChange) => Promise<void>;
};

const requiredRoles = [
  { role: 'ict-lead', code: 'contacts.last_ict_lead', label: 'ICT lead' },
  { role: 'privacy-contact', code: 'contacts.last_privacy_contact', label: 'privacy contact' },
] as const;

// Clause 8.1: breaches are reported by phone to the ICT lead, and the privacy contact receives the notices; a
// customer that drops its last one can no longer be reached. Only a role the change takes away is checked, so a
// customer imported without one can still edit its other contacts.
async function checkRequiredRoles(tx: Tx, customerId: string, lost: readonly ContactRole[], field: string) {
  const remaining = await repo.listContacts(tx, customerId);
  for (const { role, code, label } of requiredRoles) {
    if (lost.includes(role) && !remaining.some((c) => c.roles.includes(role))) {
      throw badRequest(
        code,
        `This is the customer's last ${label} (role "${role}"); name another ${label} first (clause 8.1).`,
        field,
      );
    }
  }
}

const contactView = (c: { name: string; email: string; phone: string | null; roles: ContactRole[] }) => ({
  name: c.name,
  email: c.email,
  phone: c.phone,
  roles: c.roles,
});

export async function addContact(
  ctx: Ctx,
  customerId: string,
  fields: ContactFields,
  options: ContactChangeOptions = {},
) {
  const checked = checkContact(fields);
  return ctx.db.transaction(async (tx) => {
    await requireCustomer(tx, customerId);
    const now = ctx.clock.now();
    const contact = await repo.insertContact(tx, { ...checked, customerId, createdAt: now, updatedAt: now });
    await recordAuditEvent(tx, ctx, {
      action: 'customer.contact_added',
      entityType: 'customer',
      entityId: customerId,
      after: { contactId: contact.id, ...checked },
    });
    await options.onChange?.(tx, { action: 'added', customerId, before: null, after: checked });
    return contact;
  });
}

export async function updateContact(
  ctx: Ctx,
  customerId: string,
  contactId: string,
  fields: ContactFields,
  options: ContactChangeOptions = {},
) {
  const checked = checkContact(fields);
  return ctx.db.transaction(async (tx) => {
    if (options.keepRequiredRoles) {
      await repo.lockCustomer(tx, customerId);
    }
    const before = await repo.findContact(tx, customerId, contactId);
    if (!before) {
      throw notFound('Contact');
    }
    const after = await repo.updateContact(tx, contactId, { ...checked, updatedAt: ctx.clock.now() });
    if (options.keepRequiredRoles) {
      const lost = before.roles.filter((r) => !checked.roles.includes(r));
      await checkRequiredRoles(tx, customerId, lost, 'body.roles');
    }
    await recordAuditEvent(tx, ctx, {
      action: 'customer.contact_updated',
      entityType: 'customer',
      entityId: customerId,
      before: { contactId, name: before.name, email: before.email, phone: before.phone, roles: before.roles },
      after: { contactId, ...checked },
    });
    await options.onChange?.(tx, {
      action: 'updated',
      customerId,
      before: contactView(before),
      after: checked,
    });
    return after;
  });
}

export async function removeContact(
  ctx: Ctx,
  customerId: string,
  contactId: string,
  options: ContactChangeOptions = {},
) {
  return ctx.db.transaction(async (tx) => {
    if (options.keepRequiredRoles) {
      await repo.lockCustomer(tx, customerId);
    }
    const before = await repo.findContact(tx, customerId, contactId);
    if (!before) {
      throw notFound('Contact');
    }
    await repo.updateContact(tx, contactId, { removedAt: ctx.clock.now() });
    if (options.keepRequiredRoles) {
      await checkRequiredRoles(tx, customerId, before.roles, 'params.contactId');
    }
    await recordAuditEvent(tx, ctx, {
      action: 'customer.contact_removed',
      entityType: 'customer',
      entityId: customerId,
      before: { contactId, name: before.name, email: before.email, roles: before.roles },
    });
    await options.onChange?.(tx, { action: 'removed', customerId, before: contactView(before), after: null });
  });
}

async function checkServiceLine(db: DbOrTx, lookup: ServiceLineLookup, code: string, field: string) {
  if (!(await lookup.exists(db, code))) {
    throw badRequest(
      'agreements.unknown_service_line',
      `There is no service line "${code}" in the register.`,
      field,
    );
  }
}

export async function createAgreement(
  ctx: Ctx,
  lookup: ServiceLineLookup,
  customerId: string,
  fields: AgreementFields,
) {
  return ctx.db.transaction(async (tx) => {
    await requireCustomer(tx, customerId);
    if (await repo.findAgreementByReference(tx, fields.reference)) {
      throw conflict(
        'agreements.reference_taken',
        `An agreement with reference ${fields.reference} exists already.`,
        'body.reference',
      );
    }
    const now = ctx.clock.now();
    const agreement = await repo.insertAgreement(tx, {
      customerId,
      reference: fields.reference,
      startDate: fields.startDate,
      createdAt: now,
      updatedAt: now,
    });
    for (const [i, service] of fields.services.entries()) {
      await checkServiceLine(tx, lookup, service.serviceLineCode, `body.services.${i}.serviceLineCode`);
      checkServicePeriod(service, agreement, `body.services.${i}`);
      await repo.insertService(tx, { ...service, agreementId: agreement.id, createdAt: now, updatedAt: now });
    }
    // Seed 2.2: the DPA is part of the agreement; its first version starts as a draft with the agreement.
    const dpa = await repo.insertDpa(tx, {
      agreementId: agreement.id,
      version: 1,
      status: 'draft',
      registerVersion: await lookup.currentRegisterVersion(tx),
      createdAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'agreement.created',
      entityType: 'agreement',
      entityId: agreement.id,
      after: {
        customerId,
        reference: agreement.reference,
        startDate: agreement.startDate,
        services: fields.services,
        dpaId: dpa.id,
      },
    });
    return agreement;
  });
}

export async function giveNotice(
  ctx: Ctx,
  customerId: string,
  agreementId: string,
  input: { noticeGivenOn: string; endDate: string },
) {
  return ctx.db.transaction(async (tx) => {
    const before = await requireAgreement(tx, customerId, agreementId);
    if (input.noticeGivenOn > today(ctx)) {
      throw badRequest(
        'agreements.notice_in_future',
        'Notice cannot be dated in the future.',
        'body.noticeGivenOn',
      );
    }
    if (input.noticeGivenOn < before.startDate) {
      throw badRequest(
        'agreements.notice_before_start',
        'Notice cannot be given before the agreement started.',
        'body.noticeGivenOn',
      );
    }
    if (input.endDate < before.startDate || input.endDate < input.noticeGivenOn) {
      throw badRequest(
        'agreements.end_before_start',
        'The end date lies before the start of the agreement or before the notice.',
        'body.endDate',
      );
    }
    const now = ctx.clock.now();
    const after = await repo.updateAgreement(tx, agreementId, {
      noticeGivenOn: input.noticeGivenOn,
      endDate: input.endDate,
      updatedAt: now,
    });
    // Services cannot outlive their agreement.
    for (const service of await repo.listServices(tx, [agreementId])) {
      if (service.endDate === null || service.endDate > input.endDate) {
        await repo.updateService(tx, service.id, { endDate: input.endDate, updatedAt: now });
      }
    }
    await recordAuditEvent(tx, ctx, {
      action: 'agreement.notice_given',
      entityType: 'agreement',
      entityId: agreementId,
      before: { noticeGivenOn: before.noticeGivenOn, endDate: before.endDate },
      after: { noticeGivenOn: after.noticeGivenOn, endDate: after.endDate },
    });
    return after;
  });
}

export async function addService(
  ctx: Ctx,
  lookup: ServiceLineLookup,
  customerId: string,
  agreementId: string,
  service: ServiceFields,
) {
  return ctx.db.transaction(async (tx) => {
    const agreement = await requireAgreement(tx, customerId, agreementId);
    await checkServiceLine(tx, lookup, service.serviceLineCode, 'body.serviceLineCode');
    checkServicePeriod(service, agreement, 'body');
    const now = ctx.clock.now();
    const row = await repo.insertService(tx, { ...service, agreementId, createdAt: now, updatedAt: now });
    await recordAuditEvent(tx, ctx, {
      action: 'agreement.service_added',
      entityType: 'agreement',
      entityId: agreementId,
      after: { serviceId: row.id, ...service },
    });
    return row;
  });
}

export async function setServiceEnd(
  ctx: Ctx,
  customerId: string,
  agreementId: string,
  serviceId: string,
  endDate: string | null,
) {
  return ctx.db.transaction(async (tx) => {
    const agreement = await requireAgreement(tx, customerId, agreementId);
    const before = await repo.findService(tx, agreementId, serviceId);
    if (!before) {
      throw notFound('Service');
    }
    checkServicePeriod({ startDate: before.startDate, endDate }, agreement, 'body');
    const after = await repo.updateService(tx, serviceId, { endDate, updatedAt: ctx.clock.now() });
    await recordAuditEvent(tx, ctx, {
      action: 'agreement.service_changed',
      entityType: 'agreement',
      entityId: agreementId,
      before: { serviceId, serviceLineCode: before.serviceLineCode, endDate: before.endDate },
      after: { serviceId, serviceLineCode: after.serviceLineCode, endDate: after.endDate },
    });
    return after;
  });
}

export async function createDpaVersion(
  ctx: Ctx,
  lookup: ServiceLineLookup,
  customerId: string,
  agreementId: string,
  reason: string | null,
) {
  return ctx.db.transaction(async (tx) => {
    const agreement = await requireAgreement(tx, customerId, agreementId);
    if (agreementStatus(agreement, today(ctx)) === 'ended') {
      throw badRequest(
        'dpas.agreement_ended',
        'The agreement has ended; its DPA ended with it (clause 2.3).',
        'params.agreementId',
      );
    }
    const versions = await repo.listDpas(tx, [agreementId]);
    const open = versions.find((d) => d.status !== 'active' && d.status !== 'superseded');
    if (open) {
      throw conflict(
        'dpas.open_version',
        `Version ${open.version} is still being signed; finish or replace that one first.`,
      );
    }
    const now = ctx.clock.now();
    const dpa = await repo.insertDpa(tx, {
      agreementId,
      version: (versions[0]?.version ?? 0) + 1,
      status: 'draft',
      reason,
      registerVersion: await lookup.currentRegisterVersion(tx),
      createdAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'dpa.version_created',
      entityType: 'dpa',
      entityId: dpa.id,
      after: { agreementId, version: dpa.version, reason, registerVersion: dpa.registerVersion },
    });
    return dpa;
  });
}

async function requireDpa(db: DbOrTx, customerId: string, agreementId: string, dpaId: string) {
  const agreement = await requireAgreement(db, customerId, agreementId);
  const dpa = await repo.findDpa(db, agreementId, dpaId);
  if (!dpa) {
    throw notFound('DPA');
  }
  return { agreement, dpa };
}

export async function sendDpa(ctx: Ctx, customerId: string, agreementId: string, dpaId: string) {
  return ctx.db.transaction(async (tx) => {
    const { agreement, dpa } = await requireDpa(tx, customerId, agreementId, dpaId);
    if (dpa.status !== 'draft') {
      throw badRequest('dpas.not_draft', 'Only a draft DPA can be sent for signature.', 'params.dpaId');
    }
    if (agreementStatus(agreement, today(ctx)) === 'ended') {
      throw badRequest(
        'dpas.agreement_ended',
        'The agreement has ended; its DPA ended with it (clause 2.3).',
        'params.agreementId',
      );
    }
    const after = await repo.updateDpa(tx, dpaId, {
      status: 'sent',
      sentAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: 'dpa.sent',
      entityType: 'dpa',
      entityId: dpaId,
      before: { status: dpa.status },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

export type SignatureMeta = {
  method: 'uploaded_pdf' | 'portal';
  accountId: string | null;
  ip: string | null;
};

export async function signDpa(
  ctx: Ctx,
  customerId: string,
  agreementId: string,
  dpaId: string,
  fields: Omit<SignatureFields, 'file'> & { file: SignatureFields['file'] | null },
  meta: SignatureMeta,
  // Runs inside the signing transaction (the portal tells staff about a customer's signature).
  onSigned?: (tx: DbOrTx, dpa: { version: number; status: DpaStatus }) => Promise<void>,
) {
  let file: Buffer | null = null;
  if (fields.file) {
    file = Buffer.from(fields.file.dataBase64, 'base64');
    if (file.length > maxSignedPdfBytes) {
      throw badRequest(
        'dpas.file_too_large',
        `The signed PDF may be at most ${maxSignedPdfBytes / 1024 / 1024} MB.`,
        'body.file',
      );
    }
    if (file.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw badRequest('dpas.file_not_pdf', 'The signed copy must be a PDF file.', 'body.file');
    }
  } else if (meta.method === 'uploaded_pdf') {
    throw badRequest('dpas.file_required', 'Upload the signed PDF.', 'body.file');
  }
  const signedAt = new Date(fields.signedAt);
  if (signedAt > ctx.clock.now()) {
    throw badRequest('dpas.signed_in_future', 'A signature cannot be dated in the future.', 'body.signedAt');
  }
  return ctx.db.transaction(async (tx) => {
    const { agreement, dpa } = await requireDpa(tx, customerId, agreementId, dpaId);
    if (agreementStatus(agreement, today(ctx)) === 'ended') {
      throw badRequest(
        'dpas.agreement_ended',
        'The agreement has ended; its DPA ended with it (clause 2.3).',
        'params.agreementId',
      );
    }
    const status = statusAfterSignature(dpa.status, fields.party);
    if (dpa.sentAt && signedAt < dpa.sentAt) {
      throw badRequest(
        'dpas.signed_before_sent',
        'The signature is dated before the DPA was sent.',
        'body.signedAt',
      );
    }
    const now = ctx.clock.now();
    const signature = await repo.insertSignature(tx, {
      dpaId,
      party: fields.party,
      signerName: fields.signerName,
      signerRole: fields.signerRole,
      signedAt,
      method: meta.method,
      fileName: fields.file?.name ?? null,
      fileSha256: file ? createHash('sha256').update(file).digest('hex') : null,
      file,
      accountId: meta.accountId,
      ip: meta.ip,
      recordedBy: ctx.actor.label,
      createdAt: now,
    });
    let effectiveDate: string | null = null;
    if (status === 'active') {
      const signatures = await repo.listSignatures(tx, [dpaId]);
      const last = new Date(Math.max(...signatures.map((s) => s.signedAt.getTime())));
      effectiveDate = localDate(last);
      for (const older of await repo.listDpas(tx, [agreementId])) {
        if (older.id !== dpaId && older.status === 'active') {
          await repo.updateDpa(tx, older.id, {
            status: 'superseded',
            supersededOn: effectiveDate,
            updatedAt: now,
          });
          await recordAuditEvent(tx, ctx, {
            action: 'dpa.superseded',
            entityType: 'dpa',
            entityId: older.id,
            before: { status: 'active' },
            after: { status: 'superseded', supersededOn: effectiveDate, by: dpaId },
          });
        }
      }
    }
    const after = await repo.updateDpa(tx, dpaId, { status, effectiveDate, updatedAt: now });
    await onSigned?.(tx, { version: after.version, status: after.status });
    await recordAuditEvent(tx, ctx, {
      action: 'dpa.signed',
      entityType: 'dpa',
      entityId: dpaId,
      before: { status: dpa.status },
      after: {
        status: after.status,
        effectiveDate,
        party: fields.party,
        signerName: fields.signerName,
        signerRole: fields.signerRole,
        signedAt: signedAt.toISOString(),
        method: meta.method,
        fileSha256: signature.fileSha256,
        ip: meta.ip,
      },
    });
    return after;
  });
}

export async function getSignatureFile(
  ctx: Pick<Ctx, 'db'>,
  customerId: string,
  agreementId: string,
  dpaId: string,
  signatureId: string,
) {
  await requireDpa(ctx.db, customerId, agreementId, dpaId);
  const found = await repo.findSignatureFile(ctx.db, dpaId, signatureId);
  if (!found?.file) {
    throw notFound('Signed file');
  }
  return { ...found, file: found.file };
}

export async function listInstructions(ctx: Pick<Ctx, 'db'>, customerId: string) {
  await requireCustomer(ctx.db, customerId);
  const rows = await repo.listInstructions(ctx.db, customerId);
  const attachments = await repo.listAttachments(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    noticeSentAt: iso(r.noticeSentAt),
    answeredAt: iso(r.answeredAt),
    createdAt: r.createdAt.toISOString(),
    attachments: attachments.filter((a) => a.instructionId === r.id).map(({ instructionId, ...a }) => a),
  }));
}

export type InstructionRow = Awaited<ReturnType<typeof repo.insertInstruction>>;

export async function recordInstruction(
  ctx: Ctx,
  lookup: ServiceLineLookup,
  customerId: string,
  fields: InstructionFields,
  // the portal tells staff about an instruction given there, in this same transaction
  options: { onRecorded?: (tx: Tx, row: InstructionRow) => Promise<void> } = {},
) {
  if (fields.receivedOn > today(ctx)) {
    throw badRequest(
      'instructions.received_in_future',
      'An instruction cannot be received in the future.',
      'body.receivedOn',
    );
  }
  const files = fields.attachments.map((a, i) => {
    const bytes = Buffer.from(a.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > maxAttachmentBytes) {
      throw badRequest(
        'instructions.attachment_size',
        `An attachment must hold between 1 byte and ${maxAttachmentBytes / 1024 / 1024} MB.`,
        `body.attachments.${i}`,
      );
    }
    return { ...a, bytes };
  });
  if (files.reduce((sum, f) => sum + f.bytes.length, 0) > maxAttachmentsTotalBytes) {
    throw badRequest(
      'instructions.attachments_too_large',
      `The attachments together may be at most ${maxAttachmentsTotalBytes / 1024 / 1024} MB.`,
      'body.attachments',
    );
  }
  return ctx.db.transaction(async (tx) => {
    await requireCustomer(tx, customerId);
    for (const [i, code] of fields.serviceLineCodes.entries()) {
      await checkServiceLine(tx, lookup, code, `body.serviceLineCodes.${i}`);
    }
    const now = ctx.clock.now();
    const row = await repo.insertInstruction(tx, {
      customerId,
      receivedOn: fields.receivedOn,
      fromName: fields.fromName,
      channel: fields.channel,
      text: fields.text,
      serviceLineCodes: fields.serviceLineCodes,
      status: 'in_force',
      createdAt: now,
      updatedAt: now,
    });
    for (const file of files) {
      await repo.insertAttachment(tx, {
        instructionId: row.id,
        fileName: file.name,
        mime: file.mime,
        bytes: file.bytes,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        createdAt: now,
      });
    }
    await recordAuditEvent(tx, ctx, {
      action: 'instruction.recorded',
      entityType: 'instruction',
      entityId: row.id,
      after: {
        customerId,
        receivedOn: row.receivedOn,
        fromName: row.fromName,
        channel: row.channel,
        text: row.text,
        serviceLineCodes: row.serviceLineCodes,
        attachments: files.map((f) => f.name),
      },
    });
    await options.onRecorded?.(tx, row);
    return row;
  });
}

// Art. 28(3), last subparagraph: the processor immediately informs the controller when it considers an
// instruction to infringe the GDPR; art28 holds the instruction until the customer answers.
export async function flagInstruction(ctx: Ctx, customerId: string, instructionId: string, concern: string) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findInstruction(tx, customerId, instructionId);
    if (!before) {
      throw notFound('Instruction');
    }
    if (before.status !== 'in_force') {
      throw badRequest(
        'instructions.not_in_force',
        'Only an instruction in force can be flagged.',
        'params.instructionId',
      );
    }
    const now = ctx.clock.now();
    const after = await repo.updateInstruction(tx, instructionId, {
      status: 'on_hold',
      concern,
      noticeSentAt: now,
      customerAnswer: null,
      answeredAt: null,
      updatedAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'instruction.flagged',
      entityType: 'instruction',
      entityId: instructionId,
      before: { status: before.status },
      after: { status: after.status, concern, noticeSentAt: now.toISOString() },
    });
    return after;
  });
}

export async function answerInstruction(
  ctx: Ctx,
  customerId: string,
  instructionId: string,
  input: { answer: string; outcome: 'in_force' | 'withdrawn' },
) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findInstruction(tx, customerId, instructionId);
    if (!before) {
      throw notFound('Instruction');
    }
    if (before.status !== 'on_hold') {
      throw badRequest(
        'instructions.not_on_hold',
        'Only an instruction on hold awaits an answer.',
        'params.instructionId',
      );
    }
    const now = ctx.clock.now();
    const after = await repo.updateInstruction(tx, instructionId, {
      status: input.outcome,
      customerAnswer: input.answer,
      answeredAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'instruction.answered',
      entityType: 'instruction',
      entityId: instructionId,
      before: { status: before.status },
      after: { status: after.status, answer: input.answer },
    });
    return after;
  });
}

export async function getAttachment(
  ctx: Pick<Ctx, 'db'>,
  customerId: string,
  instructionId: string,
  attachmentId: string,
) {
  const instruction = await repo.findInstruction(ctx.db, customerId, instructionId);
  const attachment = instruction ? await repo.findAttachment(ctx.db, instructionId, attachmentId) : null;
  if (!attachment) {
    throw notFound('Attachment');
  }
  return attachment;
}
