/**
 * Staff notes, outgoing e-mails and the audit log: the free text and JSON where production data
 * hides personal values outside their own columns. Every name, number and address in them is the
 * real (synthetic) value of the row they are about, so an anonymizer that misses one leaves a match.
 */
import type { DemoRandom } from './demo-random.js';
import { isoDate } from './demo-random.js';
import type { Application, Evaluation } from './generate-cases.js';
import type { Applicant } from './generate-people.js';
import type { StaffMember } from './generate-staff.js';
import { staffDomain } from './generate-staff.js';
import { printIban } from './identifiers.js';

export interface Note {
  readonly applicant: Applicant;
  readonly application: Application | null;
  readonly authorId: number;
  readonly body: string;
  readonly isConfidential: boolean;
  readonly createdAt: Date;
}

export interface OutgoingEmail {
  readonly id: string;
  readonly application: Application;
  readonly toAddress: string;
  readonly ccAddresses: readonly string[] | null;
  readonly subject: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: 'queued' | 'sent' | 'bounced';
  readonly sentAt: Date | null;
}

export interface AuditEntry {
  readonly tableName: string;
  readonly rowId: string;
  readonly action: 'INSERT' | 'UPDATE' | 'DELETE';
  readonly oldValues: Readonly<Record<string, unknown>> | null;
  readonly newValues: Readonly<Record<string, unknown>> | null;
  readonly changedBy: number | null;
  readonly clientIp: string | null;
  readonly changedAt: Date;
}

/** Retention: the mail log keeps three years. */
const emailsKeptSince = new Date('2022-07-01T00:00:00Z');
/** Status changes were only audited from this date on; personal-data changes always were. */
const statusAuditSince = new Date('2021-01-01T00:00:00Z');
const cityForLetters = (city: string) => city.replace("'s-Gravenhage", 'Den Haag');

/** The same mobile number written differently from the stored value, as a person types it in a note. */
function retypedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.startsWith('31') ? `0${digits.slice(2)}` : digits;
  return `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
}

export function generateNotes(
  random: DemoRandom,
  applicants: readonly Applicant[],
  applicationsOf: ReadonlyMap<Applicant, readonly Application[]>,
  staff: readonly StaffMember[],
): Note[] {
  const authors = staff.filter((s) => s.role !== 'director' && s.role !== 'administrator');
  const notes: Note[] = [];
  for (const applicant of applicants) {
    const count = random.weighted([0, 1, 2, 3], (n) => [40, 35, 15, 10][n] ?? 0);
    const own = applicationsOf.get(applicant) ?? [];
    for (let i = 0; i < count; i++) {
      const application = own.length > 0 && random.chance(0.7) ? random.pick(own) : null;
      notes.push({
        applicant,
        application,
        authorId: random.pick(authors).id,
        body: noteBody(random, applicant, application),
        isConfidential: random.chance(0.1),
        createdAt: random.officeTimeAfter(application?.createdAt ?? applicant.createdAt, 0, 200),
      });
    }
  }
  notes.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return notes;
}

function noteBody(random: DemoRandom, a: Applicant, application: Application | null): string {
  const full = `${a.firstName} ${a.lastName}`;
  const ref = application?.reference ?? 'de aanvraag';
  const options: string[] = [
    `${a.firstName} belde over de status van ${ref}. Uitgelegd dat de beoordeling nog loopt.`,
    `Adres gecontroleerd: ${a.street} ${a.houseNumber}, ${a.postcode} ${a.city}.`,
    `Mail van ${a.email} ontvangen met een nieuwe scan van het diploma.`,
    'Klant ontevreden over de doorlooptijd. Uitgelegd dat er een wachtlijst is.',
    'Documenten compleet, dossier doorgezet naar beoordeling.',
    `${full} needs an interpreter for the intake (language: ${a.preferredLanguage}).`,
  ];
  if (a.phone !== null) {
    options.push(
      `Called ${full} on ${retypedPhone(a.phone)}, will send documents.`,
      `Teruggebeld naar ${a.phone}, geen gehoor. Morgen opnieuw proberen (${a.lastName}).`,
    );
  }
  if (a.bsn !== null) options.push(`BSN ${a.bsn} gecontroleerd in de BRP, komt overeen met ${a.lastName}.`);
  if (a.iban !== null) {
    options.push(
      `Terugbetaling leges naar ${printIban(a.iban)} t.n.v. ${a.firstName.slice(0, 1)}. ${a.lastName}.`,
    );
  }
  const emergency = a.emergencyContact;
  if (emergency !== null) {
    options.push(`Gesproken met ${emergency.name} (${emergency.relation}) namens ${full}.`);
  }
  return random.pick(options);
}

/** The address an e-mail sent at `at` went to: the one in use then, before any later change. */
function addressAt(applicant: Applicant, at: Date): string {
  const later = applicant.changes.find((c) => c.field === 'email' && c.at > at);
  return later?.old.email ?? applicant.email;
}

export function generateEmails(random: DemoRandom, applications: readonly Application[]): OutgoingEmail[] {
  const emails: OutgoingEmail[] = [];
  const send = (application: Application, at: Date, subject: string, text: string) => {
    if (at < emailsKeptSince) return;
    const a = application.applicant;
    const to = addressAt(a, at);
    const recent = at.getTime() > Date.UTC(2025, 5, 30);
    const status = recent && random.chance(0.5) ? 'queued' : random.chance(0.04) ? 'bounced' : 'sent';
    const id = random.faker.string.uuid();
    emails.push({
      id,
      application,
      toAddress: to,
      ccAddresses:
        a.emailAliases.length > 0 && random.chance(0.3)
          ? [...a.emailAliases]
          : random.chance(0.1)
            ? []
            : null,
      subject,
      body: `Beste ${a.firstName} ${a.lastName},\n\n${text}\n\nMet vriendelijke groet,\nBureau Diplomawaardering\n`,
      headers: {
        To: `"${a.firstName} ${a.lastName}" <${to}>`,
        'Message-ID': `<${id}@${staffDomain}>`,
        'X-Reference': application.reference,
      },
      status,
      sentAt: status === 'queued' ? null : at,
    });
  };
  for (const application of applications) {
    const { submittedAt, decidedOn, reference, status } = application;
    const a = application.applicant;
    if (submittedAt === null) continue;
    send(
      application,
      random.after(submittedAt, 0, 0.01),
      `Ontvangstbevestiging aanvraag ${reference}`,
      `Wij hebben uw aanvraag ${reference} ontvangen op ${isoDate(submittedAt)}. U hoort binnen 8 weken van ons.`,
    );
    if (status === 'awaiting_documents' || random.chance(0.08)) {
      send(
        application,
        random.officeTimeAfter(submittedAt, 3, 30),
        `Aanvullende documenten nodig - ${reference}`,
        `Voor de beoordeling van uw aanvraag hebben wij een gewaarmerkte kopie van uw cijferlijst nodig. ` +
          `U kunt deze uploaden of opsturen. Vragen? Wij bellen u op ${a.phone ?? 'uw bekende nummer'}.`,
      );
    }
    if (decidedOn !== null) {
      send(
        application,
        decidedOn,
        `Besluit diplomawaardering ${reference}`,
        `Het besluit over uw aanvraag ${reference} staat in de bijlage. Het is ook per post verstuurd naar ` +
          `${a.street} ${a.houseNumber}, ${a.postcode} ${cityForLetters(a.city)}.`,
      );
    }
  }
  return emails;
}

export function generateAuditLog(
  random: DemoRandom,
  applicants: readonly Applicant[],
  applications: readonly Application[],
  evaluations: readonly Evaluation[],
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const a of applicants) {
    for (const c of a.changes) {
      entries.push({
        tableName: 'applicant',
        rowId: String(a.id),
        action: 'UPDATE',
        oldValues: c.old,
        newValues: c.new,
        changedBy: c.byStaffId,
        clientIp: c.clientIp,
        changedAt: c.at,
      });
    }
  }
  const evaluatorOf = new Map<Application, number>();
  for (const e of evaluations) evaluatorOf.set(e.diploma.application, e.evaluatorId);
  for (const application of applications) {
    const { submittedAt, decidedOn, status } = application;
    const rowId = String(application.id);
    if (submittedAt !== null && submittedAt >= statusAuditSince) {
      entries.push({
        tableName: 'application',
        rowId,
        action: 'UPDATE',
        oldValues: { status: 'draft' },
        newValues: { status: 'submitted', submitted_at: submittedAt.toISOString() },
        changedBy: null,
        clientIp: random.faker.internet.ipv4(),
        changedAt: submittedAt,
      });
    }
    if (decidedOn !== null && decidedOn >= statusAuditSince) {
      entries.push({
        tableName: 'application',
        rowId,
        action: 'UPDATE',
        oldValues: { status: 'in_review', decided_on: null },
        newValues: { status, decided_on: isoDate(decidedOn) },
        changedBy: evaluatorOf.get(application) ?? null,
        clientIp: null,
        changedAt: decidedOn,
      });
    }
  }
  entries.sort((x, y) => x.changedAt.getTime() - y.changedAt.getTime());
  return entries;
}
