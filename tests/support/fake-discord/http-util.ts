/** Small HTTP helpers: body reading, JSON / multipart parsing, route templates. */
import type { IncomingMessage } from 'node:http';

export interface ReceivedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The bytes, so a test can decode what a user would see. */
  data: Buffer;
}

export interface ParsedBody {
  ok: boolean;
  body: unknown;
  files: ReceivedFile[];
}

export function readBody(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { ok: true, body: undefined, files: [] };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, contentType ?? '');
  try {
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    return { ok: false, body: raw.toString('utf8').slice(0, 2000), files: [] };
  }
}

/** Enough multipart for discord.js uploads: `payload_json` plus `files[n]`. */
function parseMultipart(raw: Buffer, contentType: string): ParsedBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return { ok: false, body: undefined, files: [] };
  const text = raw.toString('latin1');
  const parts = text.split(`--${marker}`);
  let body: unknown;
  let ok = true;
  const files: ReceivedFile[] = [];
  for (const part of parts) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    let content = part.slice(headerEnd + 4);
    if (content.endsWith('\r\n')) content = content.slice(0, -2);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (filename !== undefined) {
      files.push({
        field: name,
        filename,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream',
        size: Buffer.byteLength(content, 'latin1'),
        data: Buffer.from(content, 'latin1'),
      });
    } else if (name === 'payload_json') {
      try {
        body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as unknown;
      } catch {
        ok = false;
      }
    }
  }
  return { ok, body, files };
}

export interface CompiledRoute {
  re: RegExp;
  keys: string[];
}

/** `/channels/:channel/messages` → a RegExp over decoded path segments. */
export function compileTemplate(template: string): CompiledRoute {
  const keys: string[] = [];
  const pattern = template
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { re: new RegExp(`^${pattern}/?$`), keys };
}

/** Decodes each segment (`%40original` → `@original`) without letting `%2F` create new segments. */
export function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replaceAll('/', '%2F');
      } catch {
        return segment;
      }
    })
    .join('/');
}
