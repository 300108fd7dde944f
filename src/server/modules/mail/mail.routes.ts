import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminsOnly, allStaff, type StaffRole } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, rolesAccess } from '../../http/access.ts';
import {
  emailDetailSchema,
  emailListQuerySchema,
  emailListSchema,
  mailSettingsInputSchema,
  mailSettingsSchema,
  releaseOutboxResultSchema,
  testEmailInputSchema,
} from './mail.schemas.ts';
import * as mail from './mail.usecases.ts';

// Sending a queued message again is a compliance act (a notice reaches the customer or not): the privacy officer
// may do it as well as the admin. Every staff role reads the log; the auditor only reads.
const senders: readonly StaffRole[] = ['admin', 'privacy-officer'];
const idParams = z.object({ id: z.uuid() });

export const mailRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/mail/settings',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['mail'], response: { 200: mailSettingsSchema } },
    },
    async (request) => mail.getMailSettings(contextOf(request, deps)),
  );

  app.put(
    '/mail/settings',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['mail'], body: mailSettingsInputSchema, response: { 200: mailSettingsSchema } },
    },
    async (request) => mail.updateMailSettings(contextOf(request, deps), request.body),
  );

  app.post(
    '/mail/test',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['mail'], body: testEmailInputSchema, response: { 200: emailDetailSchema } },
    },
    async (request) => mail.sendTestEmail(contextOf(request, deps), request.body, request.log),
  );

  app.get(
    '/mail/messages',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['mail'], querystring: emailListQuerySchema, response: { 200: emailListSchema } },
    },
    async (request) => {
      const { limit, offset, relatedType, relatedId, ...filter } = request.query;
      return mail.listEmails(
        contextOf(request, deps),
        { ...filter, relatedEntityType: relatedType, relatedEntityId: relatedId },
        { limit, offset },
      );
    },
  );

  app.get(
    '/mail/messages/:id',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['mail'], params: idParams, response: { 200: emailDetailSchema } },
    },
    async (request) => mail.getEmail(contextOf(request, deps), request.params.id),
  );

  app.post(
    '/mail/messages/:id/send',
    {
      config: { access: rolesAccess(senders) },
      schema: { tags: ['mail'], params: idParams, response: { 200: emailDetailSchema } },
    },
    async (request) => mail.sendEmailNow(contextOf(request, deps), request.params.id, request.log),
  );

  app.post(
    '/mail/outbox/send',
    {
      config: { access: rolesAccess(senders) },
      schema: { tags: ['mail'], response: { 200: releaseOutboxResultSchema } },
    },
    async (request) => mail.releaseOutbox(contextOf(request, deps), request.log),
  );
};
