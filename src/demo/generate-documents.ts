/**
 * Uploaded documents: diploma scans, transcripts, ID copies, CVs and letters. File names often carry
 * the applicant's name (`diploma_Jansen_Piet.pdf`) and contents hold name, birth date, address and
 * contact details, as uploads do in production.
 */
import { createHash } from 'node:crypto';
import type { DemoRandom } from './demo-random.js';
import { isoDate } from './demo-random.js';
import { jpegFile, noiseBytes, pdfFile, pngFile, textFile } from './file-content.js';
import type { Application, Diploma } from './generate-cases.js';

export type DocumentKind = 'diploma_scan' | 'transcript' | 'id_copy' | 'cv' | 'motivation_letter';

export interface UploadedDocument {
  readonly application: Application;
  readonly diplomaSeq: number | null;
  readonly kind: DocumentKind;
  readonly filename: string;
  readonly mimeType: string;
  readonly content: Uint8Array;
  readonly sha256: string;
  readonly uploadedAt: Date;
}

type FileType = 'pdf' | 'jpg' | 'png' | 'txt';
const mimeTypes: Readonly<Record<FileType, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
};

/** Retention: uploads are deleted three years after a case closes (GDPR storage limitation). */
const documentsKeptSince = new Date('2022-07-01T00:00:00Z');
const closedStatuses: ReadonlySet<string> = new Set(['decided', 'rejected', 'withdrawn']);

function purged(application: Application): boolean {
  const closedAt = application.decidedOn ?? application.submittedAt ?? application.createdAt;
  return closedStatuses.has(application.status) && closedAt < documentsKeptSince;
}

/** Name parts as people put them in file names: spaces become underscores. */
function filePart(name: string): string {
  return name.replace(/\s+/g, '_');
}

export function generateDocuments(
  random: DemoRandom,
  applications: readonly Application[],
): UploadedDocument[] {
  const documents: UploadedDocument[] = [];
  const add = (
    application: Application,
    diplomaSeq: number | null,
    kind: DocumentKind,
    name: string,
    type: FileType,
    content: Uint8Array,
  ) => {
    documents.push({
      application,
      diplomaSeq,
      kind,
      filename: `${name}.${type}`,
      mimeType: mimeTypes[type],
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      uploadedAt: random.after(application.createdAt, 0, 21),
    });
  };
  for (const application of applications) {
    if (purged(application)) continue;
    const { firstName, lastName } = application.applicant;
    const first = filePart(firstName);
    const last = filePart(lastName);
    for (const diploma of application.diplomas) {
      // Some originals are shown at the desk instead of uploaded.
      if (random.chance(0.2)) continue;
      const type = random.weighted(['pdf', 'jpg', 'png'] as const, (t) =>
        t === 'pdf' ? 6 : t === 'jpg' ? 3 : 1,
      );
      const name = random.pick([
        `diploma_${last}_${first}`,
        `${last} ${first} - diploma ${diploma.level}`,
        `scan_${isoDate(application.createdAt).replaceAll('-', '')}_${random.digits(4)}`,
        `Diploma${diploma.seq}`,
      ]);
      add(
        application,
        diploma.seq,
        'diploma_scan',
        name,
        type,
        scan(random, type, diplomaLines(diploma), `${firstName} ${lastName}`),
      );
      if (random.chance(0.25)) {
        const transcriptName = random.pick([
          `cijferlijst_${last}`,
          `transcript ${first} ${last}`,
          'transcript',
        ]);
        add(
          application,
          diploma.seq,
          'transcript',
          transcriptName,
          'pdf',
          pdfFile(transcriptLines(random, diploma), null),
        );
      }
    }
    if (random.chance(0.3)) {
      const type = random.chance(0.7) ? 'jpg' : 'png';
      const name = random.pick([`paspoort_${first}_${last}`, `ID_${last}`, `scan${random.digits(4)}`]);
      const lines = [`${lastName.toUpperCase()} ${firstName}`, application.applicant.dateOfBirth];
      add(application, null, 'id_copy', name, type, scan(random, type, lines, `${firstName} ${lastName}`));
    }
    if (random.chance(0.2)) {
      const type = random.chance(0.6) ? 'pdf' : 'txt';
      const lines = cvLines(application);
      const content =
        type === 'pdf' ? pdfFile(lines, `${firstName} ${lastName}`) : textFile(`${lines.join('\n')}\n`);
      add(
        application,
        null,
        'cv',
        random.pick([`CV_${first}_${last}`, `cv-${last.toLowerCase()}`, 'CV']),
        type,
        content,
      );
    }
    if (random.chance(0.1)) {
      add(
        application,
        null,
        'motivation_letter',
        `motivatiebrief_${first}`,
        'txt',
        textFile(letterText(random, application)),
      );
    }
  }
  // bigserial ids follow upload order.
  documents.sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime());
  return documents;
}

/**
 * Image or PDF bytes of a scanned paper; the scanner's metadata sometimes records whose it is. Real
 * scans are megabytes; a few hundred bytes keep the structure and keep an 18,000-applicant build fast.
 */
function scan(
  random: DemoRandom,
  type: 'pdf' | 'jpg' | 'png',
  lines: readonly string[],
  owner: string,
): Uint8Array {
  const tagged = random.chance(0.4) ? owner : null;
  const noise = noiseBytes(random.int(1, 0x7fffffff), random.int(48, 160));
  if (type === 'pdf') return pdfFile(lines, tagged);
  if (type === 'jpg') return jpegFile(tagged === null ? null : `Scan ${tagged}`, noise);
  return pngFile(tagged, random.int(800, 2480), random.int(600, 3508), noise);
}

function diplomaLines(diploma: Diploma): string[] {
  const { applicant } = diploma.application;
  return [
    diploma.institution,
    'This is to certify that',
    diploma.nameOnDiploma,
    `born on ${diploma.holderBirthDate ?? applicant.dateOfBirth}`,
    `has completed the ${diploma.level} programme in ${diploma.fieldOfStudy}`,
    `Year of graduation: ${diploma.graduationYear}`,
    ...(diploma.diplomaNumber === null ? [] : [`Certificate no. ${diploma.diplomaNumber}`]),
  ];
}

function transcriptLines(random: DemoRandom, diploma: Diploma): string[] {
  return [
    `${diploma.institution} - Academic transcript`,
    `Student: ${diploma.nameOnDiploma}`,
    ...diploma.subjects.map((subject) => `${subject}: ${random.int(50, 100)}`),
  ];
}

function cvLines(application: Application): string[] {
  const a = application.applicant;
  return [
    'Curriculum Vitae',
    `Naam: ${a.firstName} ${a.lastName}`,
    `Geboortedatum: ${a.dateOfBirth}`,
    `Adres: ${a.street} ${a.houseNumber}, ${a.postcode} ${a.city}`,
    ...(a.phone === null ? [] : [`Telefoon: ${a.phone}`]),
    `E-mail: ${a.email}`,
    `Nationaliteit: ${a.nationality.nameNl}`,
    'Opleiding:',
    ...application.diplomas.map((d) => `- ${d.graduationYear} ${d.fieldOfStudy}, ${d.institution}`),
  ];
}

/** `1234.56.782`: how a BSN is often printed in letters. */
function printBsn(bsn: string): string {
  return `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`;
}

function letterText(random: DemoRandom, application: Application): string {
  const a = application.applicant;
  const diploma = application.diplomas[0];
  const subject =
    diploma === undefined
      ? 'mijn diploma'
      : `mijn diploma ${diploma.fieldOfStudy} van ${diploma.institution}`;
  const bsnLine = a.bsn === null ? '' : `BSN: ${random.chance(0.5) ? printBsn(a.bsn) : a.bsn}\n`;
  return (
    `${a.city.replace("'s-Gravenhage", 'Den Haag')}, ${isoDate(application.createdAt)}\n\n` +
    'Geachte heer/mevrouw,\n\n' +
    `Hierbij vraag ik een diplomawaardering aan voor ${subject}. ` +
    'Ik wil graag in Nederland werken in mijn vakgebied.\n\n' +
    `Met vriendelijke groet,\n\n${a.firstName} ${a.lastName}\n${a.street} ${a.houseNumber}\n${a.postcode} ${a.city}\n` +
    bsnLine +
    (a.phone === null ? '' : `Tel. ${a.phone}\n`)
  );
}
