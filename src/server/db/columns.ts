import { customType, timestamp } from 'drizzle-orm/pg-core';

// Column kinds every module's tables share: instants are timestamptz read as Date (decisions.md: store UTC), files
// are bytea read as Buffer.
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
