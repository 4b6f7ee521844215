/**
 * The benchmark's "production" database, generated inside the server with set-based SQL
 * (generate_series and hash functions), since sending millions of rows from Node would time Node.
 * Deterministic: the same size gives the same rows. Values look like the real thing where the leak
 * check and the transforms care (BSNs pass the 11-proef, IBANs pass mod-97, Dutch mobile numbers,
 * postcodes without SA/SD/SS), and free text names the person, so scrub and the check have work.
 */

// biome-ignore format: a word list, kept compact
const firstNames = [
  'Anna', 'Bram', 'Daan', 'Emma', 'Femke', 'Gijs', 'Hanna', 'Iris', 'Jan', 'Julia', 'Kees', 'Lars',
  'Lotte', 'Maarten', 'Mila', 'Noah', 'Olivia', 'Pieter', 'Roos', 'Sanne', 'Sem', 'Sophie', 'Thijs',
  'Tess', 'Bas', 'Eva', 'Lucas', 'Nora', 'Ruben', 'Sara', 'Willem', 'Zoë', 'Fatima', 'Mohammed',
  'Yusuf', 'Aisha', 'Mehmet', 'Elif', 'Priya', 'Wei',
];
// biome-ignore format: a word list, kept compact
const lastNames = [
  'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
  'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker',
  'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'Kok', 'Jacobs', 'Vermeulen',
  'Yilmaz', 'El Amrani', 'Kaya', 'Nguyen', 'Hoekstra', 'Koster', 'Prins', 'Huisman', 'Kuipers',
  'Postma', 'Willems', 'Verhoeven',
];
// biome-ignore format: a word list, kept compact
const cities = [
  'Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere',
  'Breda', 'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort', 'Zaanstad',
  'Zwolle', 'Leiden', 'Maastricht', 'Dordrecht', 'Delft', 'Alkmaar', 'Leeuwarden', 'Deventer',
];
// biome-ignore format: a word list, kept compact
const streets = [
  'Kerkstraat', 'Dorpsstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat', 'Beatrixlaan',
  'Wilhelminastraat', 'Eikenlaan', 'Lindelaan', 'Hoofdstraat', 'Nieuwstraat', 'Marktplein', 'Parkweg',
];
const statuses = ['ingediend', 'in behandeling', 'aanvulling gevraagd', 'afgerond', 'afgewezen'];
const courses = [
  'een bachelor Werktuigbouwkunde',
  'een master Bedrijfskunde',
  'een mbo-diploma Verpleegkunde',
  'een bachelor Rechten',
  'een master Informatica',
  'een lerarenopleiding Engels',
];
const kinds = [
  ['diploma', 'pdf', 'application/pdf'],
  ['cijferlijst', 'pdf', 'application/pdf'],
  ['paspoort', 'jpg', 'image/jpeg'],
  ['vertaling', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['cv', 'pdf', 'application/pdf'],
];
// Filler for free text, read at a keyed offset: no name, number or address in it.
const lorem =
  'de aanvrager heeft de opleiding volledig afgerond en het diploma is door de instelling ' +
  'gewaarmerkt. de beoordeling volgt na ontvangst van de ontbrekende stukken. graag ontvangen ' +
  'wij een gewaarmerkte vertaling van de cijferlijst en een kopie van het legitimatiebewijs. ' +
  'het dossier is besproken in het overleg en wordt binnen acht weken afgehandeld. ';
// Dutch banks with their letters as mod-97 digits (A=10 … Z=35), so the IBAN check is plain SQL.
const banks = [
  ['ABNA', '10112310'],
  ['INGB', '18231611'],
  ['RABO', '27101124'],
  ['TRIO', '29271824'],
];

/** A SQL text[] literal. */
function textArray(values) {
  return `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]::text[]`;
}

/** A non-negative keyed hash of `expr` (an int) as SQL: one independent draw per `k`. */
const h = (expr, k) => `(hashint4extended(${expr}, ${k}) & 2147483647)::int`;
const pick = (values, expr, k) => `(${textArray(values)})[1 + ${h(expr, k)} % ${values.length}]`;

export const schemaSql = `
CREATE TABLE applicant (
  id integer PRIMARY KEY,
  bsn text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL,
  phone text,
  birth_date date NOT NULL,
  postcode text,
  house_number text,
  city text,
  iban text,
  note text,
  extra jsonb,
  created_at timestamptz NOT NULL
);
CREATE TABLE application (
  id serial PRIMARY KEY,
  applicant_id integer NOT NULL,
  reference text NOT NULL,
  status text NOT NULL,
  submitted_at timestamptz NOT NULL,
  motivation text
);
CREATE TABLE document (
  id bigserial PRIMARY KEY,
  application_id integer NOT NULL,
  kind text NOT NULL,
  filename text NOT NULL,
  mime text NOT NULL,
  size_bytes integer NOT NULL,
  meta jsonb,
  content bytea,
  uploaded_at timestamptz NOT NULL
);
`;

/** Unique valid BSNs: 8-digit prefixes walked by a multiplier coprime with the range, 11-proef check digit. */
function bsnSql(applicants) {
  const candidates = Math.ceil(applicants * 1.15) + 100; // 1 in 11 prefixes has no check digit
  const digit = (k) => `(p / ${10 ** k} % 10)`;
  const sum = [9, 8, 7, 6, 5, 4, 3, 2].map((w, i) => `${w} * ${digit(7 - i)}`).join(' + ');
  return `
    SELECT (row_number() OVER ())::int AS id, p::text || (s % 11)::text AS bsn
    FROM (
      SELECT p, ${sum} AS s
      FROM (SELECT 10000000 + (i * 7919) % 89999999 AS p FROM generate_series(1::bigint, ${candidates}) i) c
    ) d
    WHERE s % 11 < 10
    LIMIT ${applicants}`;
}

export function applicantsSql(applicants) {
  const bank = `(${h('b.id', 9)} % ${banks.length})`;
  const bankCode = `(${textArray(banks.map((b) => b[0]))})[1 + ${bank}]`;
  const bankDigits = `(${textArray(banks.map((b) => b[1]))})[1 + ${bank}]`;
  const account = `lpad(((hashint8extended(b.id, 10) & 9223372036854775807) % 10000000000)::text, 10, '0')`;
  return `
INSERT INTO applicant
SELECT b.id, b.bsn, n.first_name, n.last_name, n.email, n.phone,
  date '1950-01-01' + ${h('b.id', 5)} % 20000,
  n.postcode, n.house_number, n.city, n.iban,
  format('Telefonisch contact gehad met %s %s over de aanvraag; bevestiging gestuurd naar %s, '
    || 'terugbellen op %s. %s', n.first_name, n.last_name, n.email, n.phone,
    substr('${lorem}', 1 + ${h('b.id', 11)} % 200, 10 + ${h('b.id', 12)} % 50)),
  jsonb_build_object(
    'contact', jsonb_build_object('email', n.email, 'telefoon', n.phone,
      'adres', jsonb_build_object('straat', ${pick(streets, 'b.id', 13)}, 'huisnummer', n.house_number,
        'postcode', n.postcode, 'woonplaats', n.city)),
    'voorkeuren', jsonb_build_object('taal', CASE WHEN ${h('b.id', 14)} % 4 = 0 THEN 'en' ELSE 'nl' END,
      'nieuwsbrief', ${h('b.id', 15)} % 2 = 0),
    'bron', 'web'),
  timestamptz '2018-01-01 00:00:00+00' + make_interval(secs => ${h('b.id', 16)} % 189000000)
FROM (${bsnSql(applicants)}) b
CROSS JOIN LATERAL (
  SELECT f.first_name, f.last_name,
    lower(translate(f.first_name, 'ë', 'e')) || '.' || lower(replace(f.last_name, ' ', '')) || b.id
      || '@' || ${pick(['gmail.com', 'hotmail.com', 'outlook.com', 'ziggo.nl', 'kpnmail.nl'], 'b.id', 3)} AS email,
    CASE ${h('b.id', 4)} % 3
      WHEN 0 THEN '06' || (10000000 + ${h('b.id', 6)} % 50000000)::text
      WHEN 1 THEN '06-' || (10000000 + ${h('b.id', 6)} % 50000000)::text
      ELSE '+31 6 ' || (10000000 + ${h('b.id', 6)} % 50000000)::text
    END AS phone,
    (1000 + ${h('b.id', 7)} % 9000)::text || ' ' || CASE WHEN l.letters IN ('SA', 'SD', 'SS') THEN 'AB' ELSE l.letters END
      AS postcode,
    (1 + ${h('b.id', 8)} % 250)::text || CASE WHEN ${h('b.id', 17)} % 10 = 0 THEN 'a' ELSE '' END AS house_number,
    ${pick(cities, 'b.id', 18)} AS city,
    'NL' || lpad((98 - ((${bankDigits} || ${account} || '232100')::numeric % 97))::text, 2, '0')
      || ${bankCode} || ${account} AS iban
  FROM (SELECT ${pick(firstNames, 'b.id', 1)} AS first_name, ${pick(lastNames, 'b.id', 2)} AS last_name) f,
    (SELECT chr(65 + (${h('b.id', 19)} % 26)::int) || chr(65 + (${h('b.id', 20)} % 26)::int) AS letters) l
) n`;
}

/** 1 or 2 applications per applicant (1.5 on average). */
export const applicationsSql = `
INSERT INTO application (applicant_id, reference, status, submitted_at, motivation)
SELECT a.id,
  -- Letters only: a run of digits in a kept code can pass for a phone number in the leak check.
  'AV-' || translate(upper(substr(md5(a.id::text || '/' || g.n), 1, 10)), '0123456789', 'GHJKLMNPQR'),
  ${pick(statuses, 'a.id * 2 + g.n', 21)},
  a.created_at + make_interval(days => g.n * 30 + ${h('a.id', 22)} % 300),
  format('Geachte commissie, mijn naam is %s %s en ik vraag een waardering aan voor %s. %s Met vriendelijke groet, %s',
    a.first_name, a.last_name, ${pick(courses, 'a.id * 2 + g.n', 23)},
    substr('${lorem}', 1 + ${h('a.id * 2 + g.n', 24)} % 200, 10 + ${h('a.id * 2 + g.n', 25)} % 60),
    a.first_name)
FROM applicant a
CROSS JOIN LATERAL generate_series(1, 1 + ${h('a.id', 26)} % 2) g(n)
ORDER BY a.id, g.n`;

/** 1 to 3 documents per application (2 on average); a quarter carry a small bytea. */
export const documentsSql = `
INSERT INTO document (application_id, kind, filename, mime, size_bytes, meta, content, uploaded_at)
SELECT ap.id, k.kind,
  k.kind || '-' || lower(replace(a.last_name, ' ', '-')) || '-' || ap.id || '.' || k.ext,
  k.mime,
  20000 + ${h('ap.id * 4 + g.n', 31)} % 4000000,
  jsonb_build_object('pages', 1 + ${h('ap.id * 4 + g.n', 32)} % 12,
    'ocr', jsonb_build_object('lang', 'nl', 'confidence', round((${h('ap.id * 4 + g.n', 33)} % 100) / 100.0, 2)),
    'uploadedBy', a.email),
  CASE WHEN ${h('ap.id * 4 + g.n', 34)} % 4 = 0
    THEN decode(md5(ap.id::text || 'a' || g.n) || md5(ap.id::text || 'b' || g.n), 'hex') END,
  ap.submitted_at + make_interval(mins => ${h('ap.id * 4 + g.n', 35)} % 20000)
FROM application ap
JOIN applicant a ON a.id = ap.applicant_id
CROSS JOIN LATERAL generate_series(1, 1 + ${h('ap.id', 36)} % 3) g(n)
JOIN (VALUES ${kinds.map((k, i) => `(${i}, '${k.join("', '")}')`).join(', ')}) k(i, kind, ext, mime)
  ON k.i = ${h('ap.id * 4 + g.n', 37)} % ${kinds.length}
ORDER BY ap.id, g.n`;

/** Keys, foreign keys and indexes after the load, as pg_dump and Leakproof build them too. */
export const constraintsSql = `
ALTER TABLE applicant ADD CONSTRAINT applicant_bsn_key UNIQUE (bsn);
ALTER TABLE application ADD CONSTRAINT application_reference_key UNIQUE (reference);
ALTER TABLE application ADD CONSTRAINT application_applicant_fk FOREIGN KEY (applicant_id) REFERENCES applicant (id);
ALTER TABLE document ADD CONSTRAINT document_application_fk FOREIGN KEY (application_id) REFERENCES application (id);
CREATE INDEX applicant_last_name_idx ON applicant (last_name);
CREATE INDEX application_applicant_idx ON application (applicant_id);
CREATE INDEX document_application_idx ON document (application_id);
`;

/**
 * The do-it-yourself alternative: after `CREATE DATABASE … TEMPLATE`, overwrite the same personal
 * columns the policy transforms with crude SQL values (unique where there is a unique key). No
 * check, no format-valid fakes, no consistent pseudonyms: the cheapest thing a person would write.
 */
export const templateUpdateSql = `
UPDATE applicant SET
  bsn = 'T' || lpad(id::text, 8, '0'),
  first_name = 'Voornaam' || id % 997,
  last_name = 'Achternaam' || id % 991,
  email = 'aanvrager' || id || '@example.invalid',
  phone = '0600000000',
  birth_date = birth_date + (hashint4(id) % 180),
  postcode = '1234 AB',
  house_number = '1',
  city = 'Testdorp',
  iban = 'NL00TEST0000000000',
  note = md5(note),
  extra = extra - 'contact';
UPDATE application SET reference = 'AV-' || id, motivation = md5(motivation);
UPDATE document SET filename = kind || '-' || id, meta = meta - 'uploadedBy', content = CASE WHEN content IS NOT NULL THEN ''::bytea END;
`;

/** Without it the old values stay on disk in dead row versions (FIELD-NOTES: template copies). */
export const vacuumFullSql = 'VACUUM FULL applicant, application, document';

/** The one-table database for the memory check: id, e-mail, a note naming the person. */
export function bigTableSql(rows) {
  return `
CREATE TABLE contact (id bigint PRIMARY KEY, email text NOT NULL, note text);
INSERT INTO contact
SELECT i, lower(f.first_name) || '.' || lower(replace(f.last_name, ' ', '')) || i || '@example.nl',
  format('Gebeld met %s %s; %s', f.first_name, f.last_name,
    substr('${lorem}', 1 + ${h('i::int', 11)} % 200, 40 + ${h('i::int', 12)} % 80))
FROM generate_series(1, ${rows}) i
CROSS JOIN LATERAL (SELECT ${pick(firstNames, 'i::int', 1)} AS first_name, ${pick(lastNames, 'i::int', 2)} AS last_name) f;
`;
}

/** The policy a maintainer would write for the benchmark database (what \`init\` drafts, reviewed). */
export const policyYaml = `# Policy for the benchmark database (bench/generate.js).
version: 1
tables:
  public.applicant:
    subject: true
    columns:
      id: keep
      bsn: bsn
      first_name: firstName
      last_name: lastName
      email: { transform: email, first: first_name, last: last_name }
      phone: phone
      birth_date: { transform: dateShift, maxDays: 180 }
      postcode: postcode
      house_number: houseNumber
      city: { transform: city, postcode: postcode }
      iban: iban
      note: scrub
      extra: json
      created_at: keep
  public.application:
    columns:
      id: keep
      applicant_id: keep
      reference: code
      status: keep
      submitted_at: keep
      motivation: scrub
  public.document:
    columns:
      id: keep
      application_id: keep
      kind: keep
      filename: scrub
      mime: keep
      size_bytes: keep
      meta: json
      content: { transform: redact, value: '\\x' }
      uploaded_at: keep
`;

export const bigTablePolicyYaml = `# Policy for the one-table memory check (bench/generate.js).
version: 1
tables:
  public.contact:
    subject: true
    columns:
      id: keep
      email: email
      note: scrub
`;
