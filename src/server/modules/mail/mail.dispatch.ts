// Optional: when the job runtime runs in this process, a queued message is handed to the mail.deliver job right
// away instead of waiting for the next minute's cron run. The composition root wires it after starting the jobs:
//   setMailDispatcher(() => jobs.send('mail.deliver'))
// The job starts a moment later (pg-boss polls), by which time the queuing transaction has committed; if it has
// not, the cron run picks the message up.
type Dispatcher = () => Promise<unknown>;

let dispatcher: Dispatcher | null = null;

export function setMailDispatcher(next: Dispatcher | null) {
  dispatcher = next;
}

export function requestMailDelivery(log?: { warn: (obj: object, msg: string) => void }) {
  const current = dispatcher;
  if (!current) {
    return;
  }
  current().catch((error: unknown) => log?.warn({ err: error }, 'could not hand mail to the job queue'));
}
