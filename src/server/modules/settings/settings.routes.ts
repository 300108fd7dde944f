import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminsOnly, allStaff } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, rolesAccess } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import {
  appSettingsSchema,
  processorProfileInputSchema,
  processorProfileSchema,
} from './settings.schemas.ts';
import * as settings from './settings.usecases.ts';

export const settingsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/processor',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['settings'], response: { 200: processorProfileSchema } },
    },
    async (request) => settings.presentProfile(await settings.getProcessorProfile(contextOf(request, deps))),
  );

  app.put(
    '/processor',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: {
        tags: ['settings'],
        body: processorProfileInputSchema,
        response: { 200: processorProfileSchema },
      },
    },
    async (request) =>
      settings.presentProfile(await settings.updateProcessorProfile(contextOf(request, deps), request.body)),
  );

  app.get(
    '/processor/logo',
    { config: { access: rolesAccess(allStaff) }, schema: { tags: ['settings'] } },
    async (request, reply) => {
      const logo = await settings.getProcessorLogo(contextOf(request, deps));
      if (!logo) {
        throw notFound('Logo');
      }
      // An SVG from an admin is still served as an image only: no scripts run from it under this policy.
      return reply
        .header('content-type', logo.mime)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(logo.bytes);
    },
  );

  app.put(
    '/processor/logo',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: {
        tags: ['settings'],
        body: z.object({ dataUrl: z.string().min(1).max(1_000_000) }),
        response: { 200: processorProfileSchema },
      },
    },
    async (request) => {
      const logo = settings.parseLogoDataUrl(request.body.dataUrl);
      return settings.presentProfile(await settings.setProcessorLogo(contextOf(request, deps), logo));
    },
  );

  app.delete(
    '/processor/logo',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['settings'], response: { 200: processorProfileSchema } },
    },
    async (request) =>
      settings.presentProfile(await settings.setProcessorLogo(contextOf(request, deps), null)),
  );

  app.get(
    '/settings',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['settings'], response: { 200: appSettingsSchema } },
    },
    async () => settings.getAppSettings(deps.db),
  );

  app.put(
    '/settings',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['settings'], body: appSettingsSchema, response: { 200: appSettingsSchema } },
    },
    async (request) => settings.updateAppSettings(contextOf(request, deps), request.body),
  );
};
