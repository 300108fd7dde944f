/** A file's bytes as base64 (without the data: prefix), for the JSON upload of the evidence API. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result ?? '');
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export function formatBytes(size: number, lng: string): string {
  const locale = lng === 'en' ? 'en-GB' : 'nl-NL';
  const number = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (size < 1024) {
    return `${size} B`;
  }
  if (size < 1024 * 1024) {
    return `${number(size / 1024)} kB`;
  }
  return `${number(size / (1024 * 1024))} MB`;
}
