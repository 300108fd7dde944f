import { z } from 'zod';
import { PII_TYPES } from '../scanner/scanner.types.ts';
import { scanProposals, scanSources, scanStatuses } from './breaches.table.ts';

export const scanUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  customerId: z.uuid().optional(),
  keepFile: z.enum(['true', 'false']).default('false'),
});

export const scanServerPathSchema = z
  .object({
    path: z.string().trim().min(1).max(4096),
    customerId: z.uuid().optional(),
  })
  .meta({ id: 'BreachScanServerPath' });

export const scanAcceptSchema = z
  .object({
    // default: the customer the file belongs to, else every included affected customer
    customerIds: z.array(z.uuid()).min(1).max(10_000).optional(),
    apply: z.object({ dataTypes: z.boolean(), persons: z.boolean() }),
  })
  .meta({ id: 'BreachScanAccept' });
export type ScanAccept = z.infer<typeof scanAcceptSchema>;

export const breachScanSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    source: z.enum(scanSources),
    fileName: z.string(),
    size: z.number(),
    status: z.enum(scanStatuses),
    bytesDone: z.number(),
    bytesTotal: z.number(),
    error: z.string().nullable(),
    keepFile: z.boolean(),
    fileDeletedAt: z.string().nullable(),
    result: z
      .object({
        files: z.number(),
        bytes: z.number(),
        seconds: z.number(),
        mbPerSecond: z.number(),
        types: z.array(
          z.object({
            type: z.enum(PII_TYPES),
            count: z.number(),
            distinct: z.number(),
            label: z.object({ nl: z.string(), en: z.string() }),
          }),
        ),
        persons: z.object({ min: z.number(), max: z.number() }),
        skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
        isApproximate: z.boolean(),
      })
      .nullable(),
    proposal: z.enum(scanProposals).nullable(),
    applied: z
      .object({ customerIds: z.array(z.string()), dataTypes: z.boolean(), persons: z.boolean() })
      .nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'BreachScan' });
export type BreachScanView = z.infer<typeof breachScanSchema>;
