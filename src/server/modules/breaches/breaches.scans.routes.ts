import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, rolesAccess } from '../../http/access.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { getAppSettings } from '../settings/settings.usecases.ts';
import { diskNameOf } from './breaches.scans.models.ts';
import {
  breachScanSchema,
  scanAcceptSchema,
  scanServerPathSchema,
  scanUploadQuerySchema,
} from './breaches.scans.schemas.ts';
import * as scans from './breaches.scans.ts';

const incidentParams = z.object({ incidentId: z.uuid() });
const scanParams = z.object({ incidentId: z.uuid(), scanId: z.uuid() });

const tooLarge = (limitMb: number) =>
  new AppError(
    413,
    'breaches.scan_too_large',
    `The file is larger than the upload limit of ${limitMb} MB. An administrator can raise the limit in the settings (scanUploadLimitMb), or place the file on the server and scan it there.`,
    'body',
  );

// The body goes straight to disk through a byte counter: never held in memory, and cut off at the limit. The
// request stream is left alone when the limit is hit (the reply then closes the connection), so the client still
// reads the 413 instead of a reset.
async function receiveUpload(source: Readable, file: string, limitBytes: number, limitMb: number) {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limitBytes) {
        done(tooLarge(limitMb));
        return;
      }
      done(null, chunk);
    },
  });
  const onAbort = () => counter.destroy(new Error('The upload was interrupted.'));
  source.once('error', onAbort);
  source.once('aborted', onAbort);
  source.pipe(counter);
  try {
    await pipeline(counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } finally {
    source.off('error', onAbort);
    source.off('aborted', onAbort);
    source.unpipe(counter);
  }
  return size;
}

// Issue 10 §4: scanning a leaked file from an incident. Staff only; writers upload and decide on the proposal,
// only an admin or the privacy officer may point at a file on the server.
export const breachScanRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['breaches'];
  const ctx = (request: FastifyRequest) => contextOf(request, deps);
  const read = { access: rolesAccess(allStaff) };
  const write = { access: rolesAccess(complianceWriters) };
  let scanDir: string | null = null;
  const uploadDir = async () => {
    scanDir ??= path.join(deps.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'art28-')), 'scans');
    await mkdir(scanDir, { recursive: true, mode: 0o700 });
    return scanDir;
  };

  // The stream itself, not a buffer: this plugin's only octet-stream route writes it to disk.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.get(
    '/incidents/:incidentId/scans',
    {
      config: read,
      schema: {
        tags,
        params: incidentParams,
        response: { 200: z.object({ items: z.array(breachScanSchema) }) },
      },
    },
    async (request) => ({ items: await scans.listScans(ctx(request), request.params.incidentId) }),
  );

  app.post(
    '/incidents/:incidentId/scans',
    {
      config: write,
      schema: {
        tags,
        description:
          'Upload a file to scan: the raw bytes as application/octet-stream (`curl -H "content-type: application/octet-stream" --data-binary @dump.csv`), the name in ?fileName=.',
        params: incidentParams,
        querystring: scanUploadQuerySchema,
        response: { 201: breachScanSchema },
      },
    },
    async (request, reply) => {
      const { incidentId } = request.params;
      const { fileName, customerId, keepFile } = request.query;
      await scans.checkScanTarget(deps.db, incidentId, customerId, 'query.customerId');
      const limitMb = (await getAppSettings(deps.db)).scanUploadLimitMb;
      const limitBytes = limitMb * 1024 * 1024;
      const declared = Number(request.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared) && declared > limitBytes) {
        reply.header('connection', 'close');
        throw tooLarge(limitMb);
      }
      const source = request.body as Readable | undefined;
      if (!source || Number(request.headers['content-length']) === 0) {
        throw badRequest(
          'breaches.scan_empty',
          'The file is empty: send its bytes as the request body.',
          'body',
        );
      }
      const id = randomUUID();
      const file = path.join(await uploadDir(), diskNameOf(id, fileName));
      const part = `${file}.part`;
      let size: number;
      try {
        size = await receiveUpload(source, part, limitBytes, limitMb);
      } catch (error) {
        await rm(part, { force: true });
        if (error instanceof AppError && error.statusCode === 413) {
          reply.header('connection', 'close');
        }
        throw error;
      }
      if (size === 0) {
        await rm(part, { force: true });
        throw badRequest(
          'breaches.scan_empty',
          'The file is empty: send its bytes as the request body.',
          'body',
        );
      }
      await rename(part, file);
      let scan: Awaited<ReturnType<typeof scans.queueScan>>;
      try {
        scan = await scans.queueScan(
          ctx(request),
          {
            id,
            incidentId,
            customerId,
            source: 'upload',
            fileName,
            path: file,
            size,
            keepFile: keepFile === 'true',
          },
          'query.customerId',
        );
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
      scans.requestScan(id, request.log);
      return reply.code(201).send(scan);
    },
  );

  app.post(
    '/incidents/:incidentId/scans/server-path',
    {
      config: { access: rolesAccess(['admin', 'privacy-officer']) },
      schema: {
        tags,
        params: incidentParams,
        body: scanServerPathSchema,
        response: { 201: breachScanSchema },
      },
    },
    async (request, reply) => {
      const { incidentId } = request.params;
      await scans.checkScanTarget(deps.db, incidentId, request.body.customerId, 'body.customerId');
      const target = await scans.resolveServerPath(deps.scanRoots ?? [], request.body.path);
      const id = randomUUID();
      const scan = await scans.queueScan(
        ctx(request),
        {
          id,
          incidentId,
          customerId: request.body.customerId,
          source: 'server-path',
          fileName: path.basename(target.path),
          path: target.path,
          size: target.size,
          // never ours to delete
          keepFile: true,
        },
        'body.customerId',
      );
      scans.requestScan(id, request.log);
      return reply.code(201).send(scan);
    },
  );

  app.post(
    '/incidents/:incidentId/scans/:scanId/accept',
    {
      config: write,
      schema: { tags, params: scanParams, body: scanAcceptSchema, response: { 200: breachScanSchema } },
    },
    async (request) =>
      scans.acceptScan(ctx(request), request.params.incidentId, request.params.scanId, request.body),
  );

  app.post(
    '/incidents/:incidentId/scans/:scanId/dismiss',
    { config: write, schema: { tags, params: scanParams, response: { 200: breachScanSchema } } },
    async (request) => scans.dismissScan(ctx(request), request.params.incidentId, request.params.scanId),
  );

  app.post(
    '/incidents/:incidentId/scans/:scanId/cancel',
    {
      config: write,
      schema: {
        tags,
        description: 'Stop a queued or running scan; a running one stops within about a second.',
        params: scanParams,
        response: { 200: breachScanSchema },
      },
    },
    async (request) => scans.cancelScan(ctx(request), request.params.incidentId, request.params.scanId),
  );

  app.delete(
    '/incidents/:incidentId/scans/:scanId/file',
    {
      config: write,
      schema: {
        tags,
        description: 'Delete an upload that was kept after its scan. Files on the server are never deleted.',
        params: scanParams,
        response: { 200: breachScanSchema },
      },
    },
    async (request) => scans.deleteScanFile(ctx(request), request.params.incidentId, request.params.scanId),
  );

  // The scan panel offers "a file on the server" only when the server names folders for it (ART28_SCAN_ROOTS).
  app.get(
    '/scan-roots',
    {
      config: { access: rolesAccess(['admin', 'privacy-officer']) },
      schema: { tags, response: { 200: z.object({ roots: z.array(z.string()) }) } },
    },
    async () => ({ roots: [...(deps.scanRoots ?? [])] }),
  );
};
