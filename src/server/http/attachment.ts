import type { FastifyReply } from 'fastify';

export type Attachment = { body: Buffer | string; fileName: string; contentType: string };

// Every download answers the same way: its type, and a file name the browser saves it under (encoded, since
// customer names end up in file names).
export function sendAttachment(reply: FastifyReply, file: Attachment) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
    .send(file.body);
}
