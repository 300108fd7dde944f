// Upload sizes, shared by server and web so the page refuses a file before the upload starts. Files travel as
// base64 inside JSON (4/3 of their size), so a route that takes them raises its body limit to `bodyLimitFor`.
export const maxSignedPdfBytes = 10 * 1024 * 1024;
export const maxAttachmentBytes = 10 * 1024 * 1024;
export const maxAttachments = 10;
export const maxAttachmentsTotalBytes = 20 * 1024 * 1024;

export const bodyLimitFor = (fileBytes: number) => Math.ceil((fileBytes * 4) / 3) + 1024 * 1024;
