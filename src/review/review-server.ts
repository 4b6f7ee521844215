/**
 * The review page's server: `node:http` on 127.0.0.1 only, a port the system picks, and a one-time
 * token that every request must carry as the first part of its path. The token keeps other users
 * and other local programs out; the Host check keeps out a web page that rebinds its own domain
 * name to 127.0.0.1 (DNS rebinding), which would otherwise be same-origin with this server; writes
 * take JSON only, which a form on another site cannot send.
 *
 * The policy file is read again for every request, so the page shows what is on disk, and saved
 * by writing a temporary file beside it and renaming it over the original: a crash leaves the old
 * file or the new one, never half of one. A save whose text the loader refuses is not written.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { LeakproofError } from '../errors.js';
import { applyDecision } from './policy-edit.js';
import {
  type ColumnView,
  judgePolicy,
  type LoaderMessage,
  policySha256,
  type ReviewContext,
  reviewState,
} from './review-model.js';
import { reviewPageCsp, reviewPageHtml } from './review-page.js';

export interface ReviewServer {
  /** `http://127.0.0.1:<port>/<token>/`: the one address the page answers on. */
  readonly url: string;
  close(): Promise<void>;
}

/** A change is a few names and an options field; anything bigger is not from the page. */
const MAX_BODY = 64 * 1024;

const name = z.string().min(1).max(1000);
const changeSchema = z.strictObject({
  table: name,
  column: name,
  transform: name,
  options: z.string().max(16_000),
  comment: z.string().max(2000).optional(),
});
const previewBody = z.strictObject({ change: changeSchema });
const saveBody = z.strictObject({ base: z.string().regex(/^[0-9a-f]{64}$/), change: changeSchema });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startReviewServer(context: ReviewContext): Promise<ReviewServer> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  // Saves run one after another, so two tabs cannot interleave a read and a write.
  let saving: Promise<unknown> = Promise.resolve();

  const readPolicy = () =>
    readFile(context.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new LeakproofError(
        'LP_POLICY_FILE',
        `Policy file ${context.file} cannot be read (${error.code}).`,
      );
    });

  /** The edited text as the loader judges it, and the edited column as the page shows it then. */
  const judgeChange = async (text: string, change: z.infer<typeof changeSchema>) => {
    const edited = applyDecision(text, change);
    const judged = judgePolicy(edited, context.file, context.source);
    const table = reviewState(context, edited, change.table).tables[0];
    const column: ColumnView | null = table?.columns.find((c) => c.name === change.column) ?? null;
    return { edited, judged, column };
  };

  const routes: Record<string, (request: IncomingMessage) => Promise<{ status: number; body: unknown }>> = {
    'GET api/state': async () => ({ status: 200, body: reviewState(context, await readPolicy()) }),
    'POST api/preview': async (request) => {
      const { change } = previewBody.parse(await readJson(request));
      const { judged, column } = await judgeChange(await readPolicy(), change);
      return { status: 200, body: { ok: judged.ok, error: judged.ok ? null : judged.error, column } };
    },
    'POST api/save': async (request) => {
      const { base, change } = saveBody.parse(await readJson(request));
      const run = saving.then(async () => {
        const text = await readPolicy();
        if (policySha256(text) !== base) {
          const error: LoaderMessage = {
            message: `The policy file ${context.file} changed since the page read it; reload the page.`,
            details: [],
          };
          return { status: 409, body: { ok: false, error, column: null } };
        }
        const { edited, judged, column } = await judgeChange(text, change);
        if (!judged.ok) return { status: 400, body: { ok: false, error: judged.error, column } };
        await writeAtomically(context.file, edited);
        return { status: 200, body: { ok: true, state: reviewState(context, edited) } };
      });
      saving = run.catch(() => {});
      return run;
    },
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // The error's text is not sent: a database or file error could quote a value.
      if (!response.headersSent)
        sendJson(response, 500, { error: { message: 'Internal error.', details: [] } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setCommonHeaders(response);
    const host = request.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendText(response, 421, 'This server answers only to 127.0.0.1.');
      return;
    }
    const path = new URL(request.url ?? '/', `http://${host}`).pathname;
    const [, given = '', ...rest] = path.split('/');
    const givenBytes = Buffer.from(given);
    if (givenBytes.length !== tokenBytes.length || !timingSafeEqual(givenBytes, tokenBytes)) {
      sendText(response, 404, 'Not found.');
      return;
    }
    if (rest.length === 0) {
      response.writeHead(308, { location: `/${token}/` }).end();
      return;
    }
    const route = rest.join('/');
    if (request.method === 'GET' && route === '') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': reviewPageCsp,
      });
      response.end(reviewPageHtml);
      return;
    }
    const handler = routes[`${request.method} ${route}`];
    if (handler === undefined) {
      sendText(response, 404, 'Not found.');
      return;
    }
    try {
      if (request.method === 'POST') {
        const origin = request.headers.origin;
        if (origin !== undefined && origin !== `http://${host}`)
          throw new HttpError(403, 'Cross-origin request.');
        if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
          throw new HttpError(415, 'Send JSON.');
      }
      const { status, body } = await handler(request);
      sendJson(response, status, body);
    } catch (error) {
      if (error instanceof LeakproofError) {
        sendJson(response, 400, {
          ok: false,
          error: { message: error.message, details: error.details },
          column: null,
        });
      } else if (error instanceof z.ZodError) {
        sendJson(response, 400, {
          ok: false,
          error: { message: 'Not a request the page sends.', details: [] },
        });
      } else if (error instanceof HttpError) {
        sendJson(response, error.status, { ok: false, error: { message: error.message, details: [] } });
      } else throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setCommonHeaders(response: ServerResponse): void {
  response.setHeader('cache-control', 'no-store');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request is not JSON.');
  }
}

/** Writes `text` to `file` through a temporary file in the same directory, keeping the file's mode. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const mode = (await stat(file)).mode & 0o777;
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}
