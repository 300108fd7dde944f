import type { Identity } from './requests.usecases.ts';

// Issue 9 leaves automatic execution to a later issue; this is the seam it plugs into. A connector claims the
// tasks for one system — a sub-processor (by party name) or our own systems of a service line — and can then find,
// export or erase a person's data there. planTasks writes the claiming connector's name on the task; until one is
// registered, people do the work and record the outcome and evidence by hand.
export type ConnectorTarget =
  | { kind: 'processor'; serviceLineCodes: string[] }
  | { kind: 'subprocessor'; partyName: string };

export type ConnectorResult = {
  outcome: 'found' | 'not_found' | 'done' | 'not_possible';
  note: string;
  // exported data for access and portability; goes into the customer's package as evidence files
  files?: { fileName: string; contentType: string; bytes: Buffer }[];
};

export type Connector = {
  name: string;
  claims: (target: ConnectorTarget) => boolean;
  find?: (identities: Identity[]) => Promise<ConnectorResult>;
  exportData?: (identities: Identity[]) => Promise<ConnectorResult>;
  erase?: (identities: Identity[]) => Promise<ConnectorResult>;
};

const registered: Connector[] = [];

export function registerConnector(connector: Connector) {
  if (registered.some((c) => c.name === connector.name)) {
    throw new Error(`A connector named ${connector.name} is already registered.`);
  }
  registered.push(connector);
  return () => {
    registered.splice(registered.indexOf(connector), 1);
  };
}

export function connectorFor(target: ConnectorTarget): string | null {
  return registered.find((c) => c.claims(target))?.name ?? null;
}
