#!/usr/bin/env node
/**
 * The file-scan benchmark: `leakproof scan --file` of a large PostgreSQL plain dump (pg_dump -Fp
 * shape: header, CREATE TABLEs, `COPY … FROM stdin;` blocks in COPY text format, sequences,
 * constraints, footer) full of FAKE people, with a few real people of the source planted near its
 * end, so the scan must read it all and find exactly them. Measures wall seconds and peak RSS of the
 * whole `scan` process (bench/measure.js), and fails when peak RSS reaches 300 MB (the issue's
 * Done-when: "A 2 GB plain dump scans with peak RSS under 300 MB").
 *
 * The source ("production") is bench/generate.js's database at FILE_SCAN_APPLICANTS applicants;
 * its fingerprint file is made with `leakproof fingerprint`. The dump is written once, streamed to
 * disk (never held in memory), to the cache folder, and reused while its size and recipe match.
 *
 * Run alone (a PostgreSQL server with trust auth must be reachable):
 *
 *   node bench/file-scan.js                            # 2 GiB, writes its section of bench/RESULTS.md
 *   FILE_SCAN_BYTES=100MB node bench/file-scan.js      # a quick try: prints, leaves RESULTS.md alone
 *   FILE_SCAN_BYTES=100MB,2GiB node bench/file-scan.js # one row per size
 *
 * Environment: FILE_SCAN_BYTES (sizes, comma-separated; default 2GiB), FILE_SCAN_APPLICANTS (the
 * source's size; default 10000), FILE_SCAN_PLANTED (real people planted; default 3; 0 checks that
 * the fakes are clean), FILE_SCAN_PG_URL (server; default postgres://127.0.0.1:5432/),
 * FILE_SCAN_CACHE (where dumps are kept; default .tmp/bench), FILE_SCAN_OUT (the results file;
 * default bench/RESULTS.md, `-` for none), FILE_SCAN_TIMEOUT (seconds a scan may run before it is
 * stopped and its throughput so far reported; default 0, no limit), FILE_SCAN_BASELINE (a tiny
 * dump scanned first, to show what loading the fingerprints costs; default 1MB, 0 for none).
 * `node bench/file-scan.js --render` writes the section again from the last run's numbers (kept in
 * the cache folder). `npm run bench` runs it too (bench/run.js: `--file-scan-bytes`, `--no-file-scan`).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as db from './generate.js';
import { running, stopAll, timed } from './measure.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const defaultCli = join(projectDir, 'bin', 'leakproof.js');
// The same key as bench/run.js: any fixed string, the bench needs the same fakes every run.
const defaultEnv = { LEAKPROOF_KEY: 'leakproof-bench-key, not a secret' };

export const heading = '## File scan (2 GB plain dump)';
export const rssLimitMb = 300;
/** Bumped whenever the dump's recipe changes, so a cached dump of an older recipe is rewritten. */
const recipe = 4;
export const fullSize = 2 * 2 ** 30;

// ---------------------------------------------------------------------------------------------
// Sizes

/** `2GiB`, `100MB`, `500M`, `1e8` or plain bytes → bytes. */
export function parseBytes(text) {
  const m = /^\s*([\d.e_]+)\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?\s*$/i.exec(text);
  const n = m ? Number(m[1].replaceAll('_', '')) : Number.NaN;
  if (!m || !Number.isFinite(n) || n <= 0)
    throw new Error(`Not a size: ${JSON.stringify(text)} (try 2GiB or 100MB).`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = {
    b: 1,
    k: 1024,
    kib: 1024,
    kb: 1e3,
    m: 2 ** 20,
    mib: 2 ** 20,
    mb: 1e6,
    g: 2 ** 30,
    gib: 2 ** 30,
    gb: 1e9,
  }[unit];
  return Math.round(n * factor);
}

const label = (bytes) =>
  bytes >= 2 ** 30 && bytes % 2 ** 30 === 0
    ? `${bytes / 2 ** 30} GiB`
    : bytes >= 1e9
      ? `${(bytes / 1e9).toFixed(1)} GB`
      : `${(bytes / 1e6).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------
// The fake people. Every value is made to be nobody in the source: names from syllables that no
// Dutch name list holds, e-mail on example.invalid, phones in the fictional 555-01xx range, non-Dutch
// postcodes and place names, English filler text. No digit run reaches 9 digits (the leak check keys
// a source's phone, BSN and IBAN by their last 9 digits; a random 9-digit run could hit one).

/** A seeded PRNG (mulberry32): the same dump for the same seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore format: word lists, kept compact
const firstStarts = ['Al', 'Bri', 'Cae', 'Dor', 'Ely', 'Fen', 'Gal', 'Hal', 'Isol', 'Jor', 'Kael', 'Lio', 'Mor',
  'Nyl', 'Orl', 'Per', 'Quen', 'Ryl', 'Syl', 'Tor', 'Ulv', 'Vel', 'Wyn', 'Xan', 'Yse', 'Zan', 'Élo', 'Anw'];
// biome-ignore format: word lists, kept compact
const firstEnds = ['ara', 'wen', 'ia', 'ic', 'iel', 'is', 'oric', 'ora', 'wyn', 'eth', 'ius', 'ande', 'elle', 'rin',
  'essa', 'ald'];
// biome-ignore format: word lists, kept compact
const lastStarts = ['Ash', 'Bram', 'Cold', 'Dun', 'Ever', 'Fair', 'Grey', 'Hollo', 'Iron', 'Kest', 'Lark', 'Mire',
  'North', 'Oaken', 'Pen', 'Quill', 'Raven', 'Stone', 'Thorn', 'Umber', 'Wester', 'Yarrow', 'Brindle', 'Tallow'];
// biome-ignore format: word lists, kept compact
const lastEnds = ['by', 'combe', 'dale', 'field', 'ford', 'hallow', 'holt', 'mere', 'moor', 'shaw', 'stead',
  'thwaite', 'wick', 'worth', 'ridge', 'gate'];
const streetKinds = ['Lane', 'Row', 'Close', 'Crescent', 'Mews', 'Terrace', 'Walk', 'Gardens'];
// biome-ignore format: word lists, kept compact
const places = ['Port Ellery', 'Ashcombe Vale', 'Norhaven', 'Brindlemarsh', 'Kestrel Bay', 'Umberfold',
  'Wyncastle', 'Greyharrow', 'Lowmere', 'Thornbury Cross', 'Saltreach', 'Quillon', 'Fenwater', 'Daleport'];
const countries = ['Freedonia', 'Ruritania', 'Genovia', 'Elbonia', 'Sylvania'];
const domains = ['example.invalid', 'mail.example.invalid', 'post.example.invalid', 'inbox.example.invalid'];
// biome-ignore format: word lists, kept compact
const words = ['customer', 'asked', 'about', 'the', 'delivery', 'window', 'and', 'confirmed', 'that', 'parcel',
  'was', 'left', 'with', 'a', 'neighbour', 'refund', 'requested', 'because', 'item', 'arrived', 'damaged',
  'follow', 'up', 'next', 'week', 'prefers', 'written', 'replies', 'over', 'calls', 'invoice', 'billing',
  'updated', 'subscription', 'paused', 'until', 'further', 'notice', 'loyalty', 'points', 'added', 'manually',
  'after', 'outage', 'escalated', 'to', 'team', 'lead', 'closed', 'response', 'from', 'courier', 'warehouse',
  'reported', 'missing', 'label', 'replacement', 'sent', 'express', 'shipping', 'waived', 'fee', 'as',
  'goodwill', 'gesture', 'could', 'not', 'reach', 'by', 'voicemail', 'again', 'tomorrow', 'morning', 'size',
  'exchange', 'colour', 'did', 'match', 'photos', 'return', 'approved', 'store', 'credit', 'issued', 'café',
  'naïve', 'résumé', 'coupon', 'expired', 'checkout', 'error', 'browser', 'cache', 'cleared', 'works', 'now'];
const statuses = ['pending', 'paid', 'packed', 'shipped', 'delivered', 'returned', 'cancelled'];
const channels = ['web', 'app', 'phone', 'chat', 'store', 'letter'];
const tags = ['vip', 'newsletter', 'wholesale', 'late-payer', 'b2b', 'gift', 'student', 'staff'];
const priorities = ['low', 'normal', 'high', 'urgent'];
const extras = [
  ' → forwarded.',
  ' 🙂',
  ' (see C:\\Users\\shared\\exports\\notes.txt)',
  '\tcol2\tcol3',
  ' "quoted" and \'single\'',
  ' Half off; €12.50 refunded.',
  ' ✓ done',
];
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A COPY text field: backslash, newline, carriage return and tab escaped; null is `\N`. */
function copyField(s) {
  if (s === null) return '\\N';
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => copyEscapes[c]) : s;
}
const copyEscapes = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string as jsonb prints it (the values here hold no control characters). */
const js = (s) => JSON.stringify(s);

class Fakes {
  constructor(seed) {
    this.r = prng(seed);
  }
  int(n) {
    return (this.r() * n) | 0;
  }
  pick(list) {
    return list[(this.r() * list.length) | 0];
  }
  first() {
    return this.pick(firstStarts) + this.pick(firstEnds);
  }
  last() {
    return this.pick(lastStarts) + this.pick(lastEnds);
  }
  email(first, last) {
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    return `${local}${this.int(1000)}@${this.pick(domains)}`;
  }
  phone() {
    const n = `01${String(this.int(100)).padStart(2, '0')}`;
    switch (this.int(4)) {
      case 0:
        return `555-${n}`;
      case 1:
        return `+1 555 ${n}`;
      case 2:
        return `(555) ${n}`;
      default:
        return `+1-555-${n}`;
    }
  }
  postcode() {
    const l = () => letters[this.int(letters.length)];
    return `${l()}${l()}${this.int(10)} ${this.int(10)}${l()}${l()}`;
  }
  street() {
    return `${this.pick(lastStarts)}${this.pick(['wood', 'brook', 'stone', 'field'])} ${this.pick(streetKinds)}`;
  }
  /** A timestamp between 2019 and 2025 as COPY prints timestamptz. */
  timestamp() {
    const iso = new Date(1546300800000 + this.int(189_000_000) * 1000).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(this.int(1_000_000)).padStart(6, '0')}+00`;
  }
  date() {
    return new Date(-631152000000 + this.int(18_000) * 86_400_000).toISOString().slice(0, 10);
  }
  sentence() {
    const n = 5 + this.int(14);
    let s = this.pick(words);
    s = s[0].toUpperCase() + s.slice(1);
    for (let i = 1; i < n; i++) s += ` ${this.pick(words)}`;
    if (this.int(12) === 0) s += ` ${this.first()} ${this.last()}`; // a (fake) name in the text
    if (this.int(15) === 0) s += ` order ${10 + this.int(99_990)}`;
    return `${s}.${this.int(20) === 0 ? this.pick(extras) : ''}`;
  }
  /** Free text of varied length: `mean` sentences on average, a long tail, in paragraphs. */
  text(mean) {
    const n = 1 + Math.min(Math.floor(-Math.log(1 - this.r()) * mean), mean * 12);
    let s = this.sentence();
    for (let i = 1; i < n; i++)
      s += (this.int(6) === 0 ? (this.int(3) === 0 ? '\r\n\r\n' : '\n') : ' ') + this.sentence();
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// The dump

const tables = [
  {
    name: 'customer',
    share: 0.3,
    ddl: `CREATE TABLE public.customer (
    id integer NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email text NOT NULL,
    phone text,
    street text,
    house_number text,
    postcode text,
    city text,
    country text,
    birth_date date,
    note text,
    profile jsonb,
    created_at timestamp with time zone NOT NULL
);`,
    columns:
      'id, first_name, last_name, email, phone, street, house_number, postcode, city, country, birth_date, note, profile, created_at',
    row(f, id) {
      const first = f.first();
      const last = f.last();
      const street = f.street();
      const postcode = f.postcode();
      const city = f.pick(places);
      const t1 = f.pick(tags);
      const profile =
        `{"tags": [${js(t1)}${f.int(3) === 0 ? `, ${js(f.pick(tags))}` : ''}], ` +
        `"prefs": {"sms": ${f.int(2) === 0}, "lang": ${js(f.pick(['en', 'fr', 'de', 'eo']))}}, ` +
        `"source": ${js(f.pick(channels))}, ` +
        `"address": {"city": ${js(city)}, "street": ${js(street)}, "postcode": ${js(postcode)}}, ` +
        `"last_login": ${js(f.timestamp())}, "marketing_score": ${(f.int(1000) / 1000).toString()}}`;
      return [
        String(id),
        first,
        last,
        f.email(first, last),
        f.int(8) === 0 ? null : f.phone(),
        street,
        String(1 + f.int(240)) + (f.int(10) === 0 ? 'b' : ''),
        postcode,
        city,
        f.pick(countries),
        f.int(10) === 0 ? null : f.date(),
        f.int(3) === 0 ? null : f.text(3),
        profile,
        f.timestamp(),
      ];
    },
  },
  {
    name: 'orders',
    share: 0.2,
    ddl: `CREATE TABLE public.orders (
    id integer NOT NULL,
    customer_id integer NOT NULL,
    reference text NOT NULL,
    status text NOT NULL,
    total numeric(10,2) NOT NULL,
    currency character(3) NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    shipping_address text,
    gift_message text
);`,
    columns: 'id, customer_id, reference, status, total, currency, placed_at, shipping_address, gift_message',
    row(f, id, customers) {
      let ref = 'ORD-';
      for (let i = 0; i < 8; i++) ref += letters[f.int(letters.length)];
      return [
        String(id),
        String(1 + f.int(customers)),
        ref,
        f.pick(statuses),
        `${f.int(4000)}.${String(f.int(100)).padStart(2, '0')}`,
        'EUR',
        f.timestamp(),
        `${1 + f.int(240)} ${f.street()}, ${f.pick(places)} ${f.postcode()}`,
        f.int(5) === 0 ? f.sentence() : null,
      ];
    },
  },
  {
    name: 'support_ticket',
    share: 0.4,
    ddl: `CREATE TABLE public.support_ticket (
    id integer NOT NULL,
    customer_id integer NOT NULL,
    subject text NOT NULL,
    body text,
    meta jsonb,
    opened_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone
);`,
    columns: 'id, customer_id, subject, body, meta, opened_at, closed_at',
    row(f, id, customers) {
      const attachments = f.int(3);
      let list = '';
      for (let i = 0; i < attachments; i++)
        list += `${i ? ', ' : ''}{"name": ${js(`photo_${i + 1}.jpg`)}, "bytes": ${1000 + f.int(900_000)}}`;
      const meta =
        `{"tags": [${js(f.pick(tags))}], "agent": ${js(`${f.first()} ${f.last()}`)}, ` +
        `"channel": ${js(f.pick(channels))}, "priority": ${js(f.pick(priorities))}, "attachments": [${list}]}`;
      return [
        String(id),
        String(1 + f.int(customers)),
        f.sentence().slice(0, 60),
        f.int(20) === 0 ? null : f.text(8),
        meta,
        f.timestamp(),
        f.int(4) === 0 ? null : f.timestamp(),
      ];
    },
  },
  {
    // Last in the dump (pg_dump writes data in name order): the planted people are near its end.
    name: 'visit_log',
    share: 0.1,
    ddl: `CREATE TABLE public.visit_log (
    id integer NOT NULL,
    customer_id integer,
    contact_name text,
    email text,
    phone text,
    channel text NOT NULL,
    note text,
    logged_at timestamp with time zone NOT NULL
);`,
    columns: 'id, customer_id, contact_name, email, phone, channel, note, logged_at',
    row(f, id, customers) {
      const first = f.first();
      const last = f.last();
      return [
        String(id),
        f.int(10) === 0 ? null : String(1 + f.int(customers)),
        `${first} ${last}`,
        f.email(first, last),
        f.phone(),
        f.pick(channels),
        f.int(4) === 0 ? null : f.text(2),
        f.timestamp(),
      ];
    },
    planted(p, id, customers, f) {
      return [
        String(id),
        String(1 + f.int(customers)),
        `${p.first_name} ${p.last_name}`,
        p.email,
        p.phone,
        'phone',
        `Called back ${p.first_name} ${p.last_name} about the missing parcel; reach on ${p.phone}.`,
        f.timestamp(),
      ];
    },
  },
];

function header(key) {
  const lines = [
    '--',
    '-- PostgreSQL database dump',
    '--',
    '',
    `\\restrict ${key}`,
    '',
    '-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)',
    '-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)',
    '',
    'SET statement_timeout = 0;',
    'SET lock_timeout = 0;',
    'SET idle_in_transaction_session_timeout = 0;',
    "SET client_encoding = 'UTF8';",
    'SET standard_conforming_strings = on;',
    "SELECT pg_catalog.set_config('search_path', '', false);",
    'SET check_function_bodies = false;',
    'SET xmloption = content;',
    'SET client_min_messages = warning;',
    'SET row_security = off;',
    '',
    "SET default_tablespace = '';",
    '',
    'SET default_table_access_method = heap;',
    '',
  ];
  for (const t of tables) {
    lines.push('--', `-- Name: ${t.name}; Type: TABLE; Schema: public; Owner: shop`, '--', '', t.ddl, '', '');
    lines.push(`ALTER TABLE public.${t.name} OWNER TO shop;`, '');
    const seq = `${t.name}_id_seq`;
    lines.push('--', `-- Name: ${seq}; Type: SEQUENCE; Schema: public; Owner: shop`, '--', '');
    lines.push(`CREATE SEQUENCE public.${seq}`, '    AS integer', '    START WITH 1', '    INCREMENT BY 1');
    lines.push('    NO MINVALUE', '    NO MAXVALUE', '    CACHE 1;', '', '');
    lines.push(`ALTER TABLE public.${seq} OWNER TO shop;`, '');
    lines.push('--', `-- Name: ${seq}; Type: SEQUENCE OWNED BY; Schema: public; Owner: shop`, '--', '');
    lines.push(`ALTER SEQUENCE public.${seq} OWNED BY public.${t.name}.id;`, '', '');
  }
  for (const t of tables) {
    lines.push('--', `-- Name: ${t.name} id; Type: DEFAULT; Schema: public; Owner: shop`, '--', '');
    lines.push(
      `ALTER TABLE ONLY public.${t.name} ALTER COLUMN id SET DEFAULT nextval('public.${t.name}_id_seq'::regclass);`,
      '',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function footer(key, rowsByTable) {
  const lines = [];
  for (const t of tables) {
    lines.push('--', `-- Name: ${t.name}_id_seq; Type: SEQUENCE SET; Schema: public; Owner: shop`, '--', '');
    lines.push(`SELECT pg_catalog.setval('public.${t.name}_id_seq', ${rowsByTable[t.name]}, true);`, '', '');
  }
  for (const t of tables) {
    lines.push(
      '--',
      `-- Name: ${t.name} ${t.name}_pkey; Type: CONSTRAINT; Schema: public; Owner: shop`,
      '--',
      '',
    );
    lines.push(
      `ALTER TABLE ONLY public.${t.name}`,
      `    ADD CONSTRAINT ${t.name}_pkey PRIMARY KEY (id);`,
      '',
      '',
    );
  }
  for (const [t, column] of [
    ['orders', 'customer_id'],
    ['support_ticket', 'customer_id'],
    ['visit_log', 'customer_id'],
  ]) {
    lines.push('--', `-- Name: ${t}_${column}_idx; Type: INDEX; Schema: public; Owner: shop`, '--', '');
    lines.push(`CREATE INDEX ${t}_${column}_idx ON public.${t} USING btree (${column});`, '', '');
  }
  for (const t of ['orders', 'support_ticket', 'visit_log']) {
    const fk = `${t}_customer_id_fkey`;
    lines.push('--', `-- Name: ${t} ${fk}; Type: FK CONSTRAINT; Schema: public; Owner: shop`, '--', '');
    lines.push(`ALTER TABLE ONLY public.${t}`);
    lines.push(`    ADD CONSTRAINT ${fk} FOREIGN KEY (customer_id) REFERENCES public.customer(id);`, '', '');
  }
  lines.push('--', '-- PostgreSQL database dump complete', '--', '', `\\unrestrict ${key}`, '');
  return `${lines.join('\n')}\n`;
}

/**
 * Streams a dump of about `bytes` bytes to `file` (through a temp file, renamed when complete), with
 * `planted` (real people: first_name, last_name, email, phone) among the last rows of the last
 * table. Resolves with what was written.
 */
export async function writeDump({ file, bytes, planted = [], seed = 20261204, log = () => {} }) {
  const f = new Fakes(seed);
  const temp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(temp, { highWaterMark: 4 * 2 ** 20 });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  let written = 0;
  const write = async (text) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  const t0 = Date.now();
  let key = '';
  for (let i = 0; i < 63; i++)
    key += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[f.int(62)];
  await write(header(key));
  const rowsByTable = {};
  const spans = {};
  let goal = written;
  let customers = 1;
  let lastLog = Date.now();
  for (const t of tables) {
    await write(
      `--\n-- Data for Name: ${t.name}; Type: TABLE DATA; Schema: public; Owner: shop\n--\n\n` +
        `COPY public.${t.name} (${t.columns}) FROM stdin;\n`,
    );
    goal += t.share * bytes;
    const start = written;
    const isLast = t === tables.at(-1);
    let id = 0;
    let chunk = '';
    const rowLine = (fields) => {
      let line = copyField(fields[0]);
      for (let i = 1; i < fields.length; i++) line += `\t${copyField(fields[i])}`;
      return `${line}\n`;
    };
    const flush = async () => {
      if (chunk === '') return;
      const text = chunk;
      chunk = '';
      await write(text);
    };
    for (;;) {
      chunk += rowLine(t.row(f, ++id, customers));
      if (written + chunk.length >= goal) break; // (UTF-16 units: a little under the bytes)
      if (chunk.length >= 2 ** 20) {
        await flush();
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`    ${t.name}: ${(written / 1e6).toFixed(0)} of ${(bytes / 1e6).toFixed(0)} MB`);
        }
      }
    }
    if (isLast) {
      // The planted rows go among the last rows: each after a few dozen fakes, then some more fakes.
      for (const p of planted) {
        for (let i = 0; i < 40; i++) chunk += rowLine(t.row(f, ++id, customers));
        chunk += rowLine(t.planted(p, ++id, customers, f));
      }
      for (let i = 0; i < 20; i++) chunk += rowLine(t.row(f, ++id, customers));
    }
    chunk += '\\.\n\n\n';
    await flush();
    rowsByTable[t.name] = id;
    spans[t.name] = [start, written];
    if (t.name === 'customer') customers = id;
  }
  await write(footer(key, rowsByTable));
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  renameSync(temp, file);
  const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
  return { bytes: statSync(file).size, rows, rowsByTable, spans, seconds: (Date.now() - t0) / 1000 };
}

/** Where each table's COPY rows start and end in a dump (byte offsets), found by reading it. */
export async function copySpans(file) {
  const spans = {};
  const start = Buffer.from('\nCOPY public.');
  const end = Buffer.from('\n\\.\n');
  let offset = 0;
  let tail = Buffer.alloc(0);
  let open = null;
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * 2 ** 20 })) {
    const buf = Buffer.concat([tail, chunk]);
    const base = offset - tail.length;
    let at = 0;
    for (;;) {
      if (open === null) {
        const i = buf.indexOf(start, at);
        if (i < 0) break;
        const lineEnd = buf.indexOf(10, i + 1);
        if (lineEnd < 0) break;
        open = {
          name: /^COPY public\.(\w+)/.exec(buf.subarray(i + 1, lineEnd).toString())[1],
          at: base + lineEnd + 1,
        };
        at = lineEnd + 1;
      } else {
        const i = buf.indexOf(end, at);
        if (i < 0) break;
        spans[open.name] = [open.at, base + i + end.length];
        open = null;
        at = i + end.length;
      }
    }
    tail = buf.subarray(Math.max(at, buf.length - 4096));
    offset += chunk.length;
  }
  return spans;
}

/** The cached dump for `bytes` and these planted people, written when missing or stale. */
async function cachedDump({ cacheDir, bytes, planted, applicants, log }) {
  mkdirSync(cacheDir, { recursive: true });
  const name = `dump-${bytes}-${planted.length ? `a${applicants}-p${planted.length}` : 'clean'}`;
  const file = join(cacheDir, `${name}.sql`);
  const metaFile = join(cacheDir, `${name}.json`);
  // Who was planted is kept as digests only: the cache holds no more personal data than the dump.
  const plantedKey = createHash('sha256').update(JSON.stringify(planted)).digest('hex').slice(0, 16);
  const wanted = { recipe, bytes, planted: plantedKey };
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (
      meta.recipe === wanted.recipe &&
      meta.bytes === bytes &&
      meta.planted === wanted.planted &&
      statSync(file).size === meta.size
    ) {
      log(
        `  reusing ${file} (${(meta.size / 1e6).toFixed(0)} MB, ${meta.rows.toLocaleString('en-US')} rows)`,
      );
      if (meta.spans === undefined) {
        meta.spans = await copySpans(file);
        writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
      }
      return { file, ...meta, generateSeconds: null };
    }
  }
  rmSync(metaFile, { force: true });
  // What an interrupted earlier run left half-written.
  for (const entry of readdirSync(cacheDir))
    if (entry.startsWith(`${name}.sql.`) && entry.endsWith('.tmp'))
      rmSync(join(cacheDir, entry), { force: true });
  log(`  writing ${file} (${label(bytes)})…`);
  const made = await writeDump({ file, bytes, planted, log });
  const meta = {
    ...wanted,
    size: made.bytes,
    rows: made.rows,
    rowsByTable: made.rowsByTable,
    spans: made.spans,
  };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(
    `  ${(made.bytes / 1e6).toFixed(0)} MB, ${made.rows.toLocaleString('en-US')} rows in ${made.seconds.toFixed(1)} s`,
  );
  return { file, ...meta, generateSeconds: made.seconds };
}

// ---------------------------------------------------------------------------------------------
// The source and its fingerprints

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** bench/generate.js's database at `applicants` in database `name` (dropped first if it exists). */
export async function makeSource(url, name, applicants) {
  await withClient(url('postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return withClient(url(name), async (c) => {
    await c.query(
      "SET jit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off",
    );
    await c.query(db.schemaSql);
    await c.query(db.applicantsSql(applicants));
    await c.query('ANALYZE applicant');
    await c.query(db.applicationsSql);
    await c.query('ANALYZE application');
    await c.query(db.documentsSql);
    await c.query(db.constraintsSql);
    await c.query('VACUUM (FREEZE, ANALYZE)');
    const count = async (t) => Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return {
      applicants: await count('applicant'),
      rows: (await count('application')) + (await count('document')),
    };
  });
}

/** `n` real people of the source, spread over it, with the values planted of each. */
export async function realPeople(url, n, applicants) {
  if (n === 0) return [];
  return withClient(url, async (c) => {
    const ids = Array.from({ length: n }, (_, i) => 1 + Math.floor(((i + 0.5) * applicants) / n));
    const { rows } = await c.query(
      'SELECT id, first_name, last_name, email, phone FROM applicant WHERE id = ANY($1) AND phone IS NOT NULL ORDER BY id',
      [ids],
    );
    if (rows.length !== n)
      throw new Error(`Expected ${n} applicants with a phone at ids ${ids}, got ${rows.length}.`);
    return rows.map(({ first_name, last_name, email, phone }) => ({ first_name, last_name, email, phone }));
  });
}

// ---------------------------------------------------------------------------------------------
// Watching one scan: how far into the dump it has read, and its RSS, from /proc

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  const out = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Where `pid` is in `file` (bytes), or null when it has no such file open. */
function positionIn(pid, file) {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== file) continue;
      const m = /^pos:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (m) return Number(m[1]);
    }
  } catch {
    // gone
  }
  return null;
}

/** Bytes `pid` has read through read(2) and the like, from /proc/<pid>/io. */
function charsRead(pid) {
  try {
    const m = /^rchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** User and system CPU seconds of `pid` (all its threads), from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ)
  } catch {
    return 0;
  }
}

function rssMb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the scan behind `child` (GNU time or the scan itself) every `everyMs`: the bytes of `file`
 * read so far and the RSS. Stops the scan's process group after `timeoutS` seconds (0: never).
 */
function watch(child, file, { everyMs = 5000, timeoutS = 0, log }) {
  const real = realpathSync(file);
  const size = statSync(real).size;
  const started = Date.now();
  const samples = [];
  let stoppedAt = null;
  const timer = setInterval(() => {
    if (!existsSync('/proc/self')) return;
    const pids = [child.pid, ...descendants(child.pid)];
    let pos = null;
    let rss = 0;
    let rchar = 0;
    let cpu = 0;
    for (const pid of pids) {
      const p = positionIn(pid, real);
      if (p !== null) pos = p;
      rss = Math.max(rss, rssMb(pid));
      rchar += charsRead(pid);
      cpu += cpuSeconds(pid);
    }
    const t = (Date.now() - started) / 1000;
    // The file offset, when the scanner reads the dump in order; else all bytes read (an overcount).
    const read = pos !== null && pos > 0 ? pos : Math.min(size, rchar);
    const previous = samples.length >= 6 ? samples[samples.length - 6] : { t: 0, pos: 0, cpu: 0 };
    samples.push({ t, pos: read, rss, cpu });
    if (samples.length % 6 === 0)
      log(
        `    ${t.toFixed(0)} s: ${(read / 1e6).toFixed(0)} of ${(size / 1e6).toFixed(0)} MB read ` +
          `(${(read / 1e6 / t).toFixed(1)} MB/s; ${((read - previous.pos) / 1e6 / (t - previous.t)).toFixed(1)} MB/s ` +
          `and ${((cpu - previous.cpu) / (t - previous.t)).toFixed(2)} cores in the last ${(t - previous.t).toFixed(0)} s), ` +
          `RSS ${rss.toFixed(0)} MB`,
      );
    if (timeoutS > 0 && t > timeoutS && stoppedAt === null) {
      stoppedAt = samples.at(-1) ?? { t, pos: 0, rss: 0 };
      log(`    stopping the scan after ${t.toFixed(0)} s (FILE_SCAN_TIMEOUT=${timeoutS})`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      return stoppedAt;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The bench

/**
 * Makes the source on the server behind `url` (a function of a database name), fingerprints it,
 * and times `leakproof scan --file` of a dump of each size. Resolves with the rows of the results
 * table and the section of RESULTS.md; `failed` says whether any run missed the RSS limit or found
 * other than the planted people.
 */
export async function fileScanBench({
  url,
  tmp,
  sizes = [fullSize],
  baselineBytes = 1e6,
  applicants = 10_000,
  plantedCount = 3,
  cacheDir = join(projectDir, '.tmp', 'bench'),
  cli = defaultCli,
  env = defaultEnv,
  timeoutS = 0,
  log = (m) => process.stderr.write(`${m}\n`),
  sourceName = 'bench_filescan_src',
}) {
  const loadAtStart = os.loadavg();
  const versionAtStart = leakproofVersion(); // src/ may change while the bench runs
  log(`File scan: source of ${applicants.toLocaleString('en-US')} applicants…`);
  const t0 = Date.now();
  const source = await makeSource(url, sourceName, applicants);
  const sourceSeconds = (Date.now() - t0) / 1000;
  const planted = await realPeople(url(sourceName), plantedCount, applicants);
  const policy = join(tmp, 'file-scan.policy.yaml');
  writeFileSync(policy, db.policyYaml);
  const fingerprints = join(tmp, 'file-scan.fingerprints');
  rmSync(fingerprints, { force: true });
  log('  leakproof fingerprint…');
  const fp = await timed(
    process.execPath,
    [cli, 'fingerprint', '--quiet', '--source', url(sourceName), '--policy', policy, '--out', fingerprints],
    { env, tmp, label: 'leakproof fingerprint' },
  );
  await withClient(url('postgres'), (c) => c.query(`DROP DATABASE ${sourceName}`));
  const fingerprintFacts = fingerprintCounts(fp.stderr);
  log(
    `  ${fp.seconds.toFixed(1)} s, peak RSS ${fp.peakRssMb.toFixed(0)} MB, ` +
      `${(statSync(fingerprints).size / 1e6).toFixed(1)} MB file${fingerprintFacts ? `: ${fingerprintFacts}` : ''}`,
  );

  const runs = [];
  // First a tiny dump: what loading the fingerprints and starting up cost, next to nothing read.
  for (const bytes of baselineBytes > 0 ? [baselineBytes, ...sizes] : sizes) {
    log(`File scan: dump of ${label(bytes)}…`);
    const dump = await cachedDump({ cacheDir, bytes, planted, applicants, log });
    const report = join(tmp, `file-scan-${bytes}.json`);
    rmSync(report, { force: true });
    const before = new Set(running);
    const expectedCode = planted.length > 0 ? 4 : 0;
    log(`  leakproof scan --file (${(dump.size / 1e6).toFixed(0)} MB)…`);
    const pending = timed(
      process.execPath,
      [cli, 'scan', '--fingerprints', fingerprints, '--file', dump.file, '--quiet', '--report', report],
      { env, tmp, label: 'leakproof scan --file', okCodes: [0, 4] },
    );
    const child = [...running].find((c) => !before.has(c));
    const watcher = child ? watch(child, dump.file, { timeoutS, log }) : null;
    let run;
    let error = null;
    try {
      run = await pending;
    } catch (e) {
      error = e;
    }
    const stoppedAt = watcher?.stop() ?? null;
    const samples = watcher?.samples ?? [];
    const row = {
      bytes: dump.size,
      requested: bytes,
      rows: dump.rows,
      tables: Object.keys(dump.rowsByTable).length,
      rowsByTable: dump.rowsByTable,
      samples,
      planted: planted.length,
      baseline: baselineBytes > 0 && bytes === baselineBytes && runs.length === 0,
    };
    if (stoppedAt !== null || error !== null) {
      // Stopped (or failed): the throughput so far, from how far it read.
      const last = stoppedAt ?? samples.at(-1) ?? { t: 0, pos: 0, rss: 0 };
      const exit = /\(exit (\d+)\)/.exec(String(error?.message))?.[1];
      const why =
        stoppedAt !== null
          ? `stopped after ${last.t.toFixed(0)} s (FILE_SCAN_TIMEOUT)`
          : exit === '143'
            ? `killed from outside this bench (SIGTERM) after ${last.t.toFixed(0)} s`
            : `failed (exit ${exit ?? '?'}) after ${last.t.toFixed(0)} s`;
      runs.push({
        ...row,
        stopped: true,
        spans: dump.spans ?? null,
        seconds: last.t,
        readBytes: last.pos,
        peakRssMb: Math.max(0, ...samples.map((s) => s.rss)),
        error: why,
        ok: false,
      });
      log(`  ${why}; read ${(last.pos / 1e6).toFixed(0)} MB by then`);
      if (stoppedAt === null) log(String(error?.message ?? error).trim());
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const people = r.breach?.people ?? null;
    const problems = [];
    if (run.code !== expectedCode) problems.push(`exit ${run.code}, expected ${expectedCode}`);
    if (people !== planted.length) problems.push(`${people} people found, expected ${planted.length}`);
    if (run.peakRssMb >= rssLimitMb)
      problems.push(`peak RSS ${run.peakRssMb.toFixed(0)} MB ≥ ${rssLimitMb} MB`);
    const file = r.breach?.files?.scanned?.[0];
    runs.push({
      ...row,
      spans: dump.spans ?? null,
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
      code: run.code,
      people,
      findings: r.verification?.findings?.total ?? null,
      scanned: r.verification?.scanned ?? null,
      format: file?.format ?? null,
      scannedRows: file?.rows ?? null,
      scannedTables: file?.tables ?? null,
      reportSeconds: r.verification?.seconds ?? null,
      ok: problems.length === 0,
      error: problems.join('; ') || null,
    });
    const x = runs.at(-1);
    log(
      `  ${x.seconds.toFixed(1)} s, ${(x.bytes / 1e6 / x.seconds).toFixed(1)} MB/s, ` +
        `${Math.round(x.rows / x.seconds).toLocaleString('en-US')} rows/s, peak RSS ${x.peakRssMb.toFixed(0)} MB, ` +
        `exit ${x.code}, ${people} people found${x.ok ? '' : ` — FAIL: ${x.error}`}`,
    );
    if (problems.length > 0 && run.code !== 0 && run.code !== 4) log(run.stderr.trim());
  }
  const result = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    source: { applicants: source.applicants, otherRows: source.rows, seconds: sourceSeconds },
    fingerprint: {
      seconds: fp.seconds,
      peakRssMb: fp.peakRssMb,
      fileMb: statSync(fingerprints).size / 1e6,
      facts: fingerprintFacts,
    },
    planted: planted.length,
    runs,
    machine: machineLine(loadAtStart, versionAtStart),
    failed: runs.some((r) => !r.ok),
  };
  // The raw numbers (samples included), to render the section again or look closer.
  writeFileSync(join(cacheDir, 'file-scan-result.json'), `${JSON.stringify(result)}\n`);
  return { ...result, markdown: renderSection(result) };
}

/** The counts `leakproof fingerprint` prints, if it printed them. */
function fingerprintCounts(stderr) {
  const m = /[\d,]+ fingerprints of [\d,]+ personal values of [\d,]+ people/.exec(stderr);
  return m ? m[0] : null;
}

function leakproofVersion() {
  const { version } = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  const git = (...args) => spawnSync('git', ['-C', projectDir, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return version;
  const dirty = git('status', '--porcelain', '--', 'src').stdout.trim() !== '';
  return `${version} at commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
}

function machineLine(load, version) {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, Leakproof ${version}; load average at start ${load.map((l) => l.toFixed(2)).join(' / ')}`
  );
}

const int = (n) => Math.round(n).toLocaleString('en-US');

/** When the scan had read `pos` bytes, from the samples (linear between two), or null. */
function timeAt(samples, pos) {
  let before = { t: 0, pos: 0 };
  for (const s of samples) {
    if (s.pos >= pos)
      return s.pos === before.pos
        ? s.t
        : before.t + ((pos - before.pos) / (s.pos - before.pos)) * (s.t - before.t);
    before = s;
  }
  return null;
}

/** Each table's MB/s and rows/s, from when the samples say the scan reached its start and its end. */
export function tableRates(run) {
  if (!run.spans || run.samples.length < 2) return [];
  const rates = [];
  for (const [name, [start, end]] of Object.entries(run.spans)) {
    const t0 = timeAt(run.samples, start);
    if (t0 === null) continue;
    let t1 = timeAt(run.samples, end);
    let upTo = end;
    if (t1 === null) {
      const last = run.samples.at(-1);
      upTo = last.pos;
      t1 = last.t;
    }
    if (t1 - t0 < 10) continue; // shorter than two samples: no rate to speak of
    const share = (upTo - start) / (end - start);
    const rows = (run.rowsByTable?.[name] ?? 0) * share;
    rates.push({ name, mb: (upTo - start) / 1e6, seconds: t1 - t0, complete: upTo === end, rows });
  }
  return rates;
}

/** RSS at a quarter, half, three quarters and the end of the dump, from the samples. */
/** CPU seconds per second of the scan process (all its threads), from the samples. */
function coresUsed(run) {
  const [a, b] = [run.samples[0], run.samples.at(-1)];
  if (!a || !b || b.t - a.t < 10 || b.cpu === undefined) return null;
  return (b.cpu - a.cpu) / (b.t - a.t);
}

function rssRange(run) {
  const rss = run.samples.map((s) => s.rss);
  const at = (q) => run.samples[Math.min(rss.length - 1, Math.floor(q * rss.length))].rss;
  return (
    `between ${int(Math.min(...rss))} and ${int(Math.max(...rss))} MB; at a quarter, half, three quarters and the ` +
    `end of the run: ${[0.25, 0.5, 0.75, 1].map((q) => int(at(q))).join(', ')} MB`
  );
}

function rssCurve(run) {
  const points = [];
  for (const q of [0.25, 0.5, 0.75, 1]) {
    const s =
      run.samples.find((x) => x.pos >= q * run.bytes * 0.999) ?? (q === 1 ? run.samples.at(-1) : null);
    if (s) points.push(`${Math.round(q * 100)}%: ${int(s.rss)} MB`);
  }
  return points.join(', ');
}

export function renderSection(result) {
  const out = [heading, ''];
  out.push(
    '`leakproof scan --fingerprints F --file DUMP --quiet --report R.json` (bench/file-scan.js) of a PostgreSQL plain ' +
      'dump in `pg_dump -Fp` shape (header, four tables as `COPY … FROM stdin;` blocks in COPY text format, ' +
      'sequences, keys and indexes, footer) of fake people: names, e-mail addresses, phones, addresses, free text of ' +
      `varied length with escapes, jsonb. ${result.planted} real people of the source (name, e-mail and phone in one ` +
      'row) are planted among the last rows of the last table, so the scan reads it all: it must exit 4 and report ' +
      `exactly them. The aim: peak RSS under ${rssLimitMb} MB. Seconds and peak RSS are of the whole process ` +
      "(loading the fingerprint file included); MB/s and rows/s divide the dump's size and its rows by them. " +
      'The baseline row is a dump of the same kind too small to matter: start-up and the fingerprints loaded; what a ' +
      "larger dump adds to the peak is the scan's own. The fakes are nobody in the source (`FILE_SCAN_PLANTED=0`: " +
      'the same dump without the planted rows scans clean, exit 0).',
  );
  out.push('');
  out.push(
    `| dump | MB | rows | seconds | MB/s | rows/s | peak RSS (MB) | people found | < ${rssLimitMb} MB |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const r of result.runs) {
    const mb = r.bytes / 1e6;
    if (r.stopped) {
      const pass = r.peakRssMb < rssLimitMb ? 'pass so far' : '**FAIL**';
      const readMb = r.readBytes / 1e6;
      out.push(
        `| ${label(r.requested ?? r.bytes)}: ${r.error}, ${int(readMb)} MB read | ${int(readMb)} of ${int(mb)} | ` +
          `${int(r.rows * (r.readBytes / r.bytes))} of ${int(r.rows)} (about) | ${r.seconds.toFixed(0)} | ` +
          `${r.seconds > 0 ? (readMb / r.seconds).toFixed(1) : '—'} | ` +
          `${r.seconds > 0 ? int((r.rows * (r.readBytes / r.bytes)) / r.seconds) : '—'} (about) | ` +
          `${int(r.peakRssMb)} (sampled every 5 s) | not reached | ${pass} |`,
      );
      continue;
    }
    out.push(
      `| ${label(r.requested ?? r.bytes)}${r.baseline ? ' (baseline)' : ''} | ${mb < 10 ? mb.toFixed(1) : int(mb)} | ${int(r.rows)} | ${r.seconds.toFixed(1)} | ${(mb / r.seconds).toFixed(1)} | ` +
        `${int(r.rows / r.seconds)} | ${int(r.peakRssMb)} | ${r.people ?? '—'} of ${r.planted} | ` +
        `${r.peakRssMb < rssLimitMb ? 'pass' : '**FAIL**'} |`,
    );
  }
  out.push('');
  const fp = result.fingerprint;
  out.push(
    `Fingerprints: bench/generate.js's source at ${int(result.source.applicants)} applicants ` +
      `(${int(result.source.applicants + result.source.otherRows)} rows with their applications and documents), ` +
      `its policy; \`leakproof fingerprint\` ${fp.seconds.toFixed(1)} s, peak RSS ${int(fp.peakRssMb)} MB, ` +
      `a ${fp.fileMb.toFixed(1)} MB file${fp.facts ? ` (${fp.facts})` : ''}.`,
  );
  out.push('');
  for (const r of result.runs) {
    const rates = tableRates(r);
    if (rates.length > 0)
      out.push(
        `- ${label(r.requested ?? r.bytes)}, per table (from the samples of how far into the dump the scan had read): ` +
          rates
            .map(
              (x) =>
                `${x.name} ${(x.mb / x.seconds).toFixed(1)} MB/s, ${int(x.rows / x.seconds)} rows/s` +
                ` (${int(x.mb)} MB${x.complete ? '' : ' read of it'} in ${x.seconds.toFixed(0)} s)`,
            )
            .join('; ') +
          '.',
      );
    if (r.stopped) {
      const rate = r.readBytes / r.seconds;
      out.push(
        `- ${label(r.requested ?? r.bytes)}: ${r.error}, before the end, so no exit code or people found; ` +
          (rate > 0
            ? `at the ${(rate / 1e6).toFixed(1)} MB/s so far the whole dump would take about ${Math.round(r.bytes / rate / 60)} min. `
            : '') +
          (r.samples.length > 0 ? `RSS (sampled every 5 s) ${rssRange(r)}.` : '') +
          (coresUsed(r) !== null ? ` CPU: ${coresUsed(r).toFixed(2)} cores busy on average.` : ''),
      );
      continue;
    }
    const bits = [];
    if (r.format) bits.push(`read as \`${r.format}\``);
    if (r.scannedTables !== null) bits.push(`${int(r.scannedTables)} tables`);
    if (r.scannedRows !== null) bits.push(`${int(r.scannedRows)} rows (the dump has ${int(r.rows)})`);
    if (r.scanned?.values !== undefined) bits.push(`${int(r.scanned.values)} values`);
    if (r.findings !== null) bits.push(`${int(r.findings)} findings`);
    bits.push(`exit ${r.code}`);
    if (coresUsed(r) !== null) bits.push(`${coresUsed(r).toFixed(2)} cores busy on average`);
    const curve = rssCurve(r);
    out.push(
      `- ${label(r.requested ?? r.bytes)}: ${bits.join(', ')}${curve ? `; RSS (sampled every 5 s) at ${curve} of the dump read` : ''}` +
        `${r.ok ? '' : `; **FAIL: ${r.error}**`}.`,
    );
  }
  out.push('');
  out.push(`Run ${result.date}: ${result.machine}.`);
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The section in RESULTS.md

const notesStart = '<!-- maintainers: notes start -->';

/** The section from an earlier RESULTS.md, or null. */
export function keptSection(previous) {
  if (!previous) return null;
  const start = previous.indexOf(`${heading}\n`);
  if (start < 0) return null;
  return previous.slice(start, sectionEnd(previous, start)).trimEnd() + '\n';
}

function sectionEnd(text, start) {
  const rest = text.slice(start + heading.length);
  const next = /^## |^<!-- maintainers: notes start -->/m.exec(rest);
  return next ? start + heading.length + next.index : text.length;
}

/** `markdown` with the section replaced, or put before "## Where the time goes" (or the notes). */
export function spliceSection(markdown, section) {
  if (section === null) return markdown;
  const body = `${section.trimEnd()}\n\n`;
  const start = markdown.indexOf(`${heading}\n`);
  if (start >= 0) return markdown.slice(0, start) + body + markdown.slice(sectionEnd(markdown, start));
  for (const anchor of ['## Where the time goes', notesStart]) {
    const at = markdown.indexOf(anchor);
    if (at >= 0) return markdown.slice(0, at) + body + markdown.slice(at);
  }
  return `${markdown.trimEnd()}\n\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// Alone

async function main() {
  const sizes = (process.env.FILE_SCAN_BYTES ?? '2GiB').split(',').map(parseBytes);
  const number = (name, fallback) => {
    const n = Number((process.env[name] ?? String(fallback)).replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number.`);
    return n;
  };
  const applicants = number('FILE_SCAN_APPLICANTS', 10_000);
  const baseline = process.env.FILE_SCAN_BASELINE ?? '1MB';
  const baselineBytes = baseline === '0' ? 0 : parseBytes(baseline);
  const plantedCount = number('FILE_SCAN_PLANTED', 3);
  const timeoutS = number('FILE_SCAN_TIMEOUT', 0);
  const base = process.env.FILE_SCAN_PG_URL ?? 'postgres://127.0.0.1:5432/';
  const url = (database) => {
    const u = new URL(base);
    // node-postgres needs a user name where psql takes the OS user's.
    if (u.username === '') u.username = process.env.PGUSER ?? os.userInfo().username;
    u.pathname = `/${database}`;
    return u.toString();
  };
  const out = process.env.FILE_SCAN_OUT ?? join(projectDir, 'bench', 'RESULTS.md');
  const cacheDir = process.env.FILE_SCAN_CACHE ?? join(projectDir, '.tmp', 'bench');
  if (process.argv.includes('--render')) {
    // The section again from the last run's numbers (after a change to how it is written).
    const result = JSON.parse(readFileSync(join(cacheDir, 'file-scan-result.json'), 'utf8'));
    const markdown = renderSection(result);
    console.log(markdown);
    if (out !== '-') writeFileSync(out, spliceSection(readFileSync(out, 'utf8'), markdown));
    return;
  }
  if (!existsSync(join(projectDir, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` first.');
  const newest = (dir) =>
    readdirSync(dir, { recursive: true }).reduce((t, f) => Math.max(t, statSync(join(dir, f)).mtimeMs), 0);
  if (newest(join(projectDir, 'src')) > newest(join(projectDir, 'dist')))
    process.stderr.write(
      'file-scan: src/ has changes newer than dist/: run `npm run build` to measure them.\n',
    );
  const tmp = mkdtempSync(join(os.tmpdir(), 'leakproof-file-scan-'));
  const started = Date.now();
  const log = (m) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);
  const interrupted = (signal) => {
    process.stderr.write(`\n${signal}: stopping…\n`);
    stopAll();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const result = await fileScanBench({
      url,
      tmp,
      sizes,
      baselineBytes,
      applicants,
      plantedCount,
      cacheDir,
      timeoutS,
      log,
    });
    console.log(`\n${result.markdown}`);
    // Only a run at the full size (and with the people planted) speaks for the section's title.
    if (out !== '-' && sizes.some((b) => b >= fullSize) && plantedCount > 0) {
      const previous = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmark results\n';
      writeFileSync(out, spliceSection(previous, result.markdown));
      log(`Wrote its section of ${out}`);
    } else {
      log(`Not written to RESULTS.md (only a run at ${label(fullSize)} with planted people is).`);
    }
    if (result.failed) {
      log(
        `FAIL: ${result.runs
          .filter((r) => !r.ok)
          .map((r) => `${label(r.bytes)}: ${r.error}`)
          .join('; ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    stopAll();
    process.stderr.write(`file-scan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
