/**
 * Generates the whole demo data set in memory, in one fixed order of draws, and lays it out as rows
 * per table in load order. Pure: no database, no clock.
 */

import { DemoRandom, isoDate } from './demo-random.js';
import type { DemoTableName } from './demo-schema.js';
import type { Application } from './generate-cases.js';
import { generateApplications, generateEvaluations } from './generate-cases.js';
import { generateAuditLog, generateEmails, generateNotes } from './generate-correspondence.js';
import { generateDocuments } from './generate-documents.js';
import type { Applicant } from './generate-people.js';
import { generateApplicants } from './generate-people.js';
import { generateStaff } from './generate-staff.js';
import { Json, type SqlValue } from './json-rows.js';
import { countries } from './reference-data.js';

export interface TableRows {
  readonly table: DemoTableName;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlValue[])[];
  /** The table has a GENERATED ALWAYS identity column that the rows fill in. */
  readonly overriding: boolean;
}

/** Staff scale with the case load, as an office would: about one person per 300 applicants. */
export function staffCount(applicants: number): number {
  return Math.max(12, Math.round(applicants / 300));
}

export function generateDemoRows(applicantCount: number, seed: number): TableRows[] {
  const random = new DemoRandom(seed);
  const staff = generateStaff(random, staffCount(applicantCount));
  const applicants = generateApplicants(random, applicantCount, staff);
  const applications = generateApplications(random, applicants);
  const evaluations = generateEvaluations(random, applications, staff);
  const documents = generateDocuments(random, applications);
  const applicationsOf = new Map<Applicant, Application[]>();
  for (const application of applications) {
    const list = applicationsOf.get(application.applicant) ?? [];
    list.push(application);
    applicationsOf.set(application.applicant, list);
  }
  const notes = generateNotes(random, applicants, applicationsOf, staff);
  const emails = generateEmails(random, applications);
  const audit = generateAuditLog(random, applicants, applications, evaluations);
  const date = (moment: Date | null) => (moment === null ? null : isoDate(moment));
  const table = (
    name: DemoTableName,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
    overriding = false,
  ): TableRows => ({ table: name, columns, rows, overriding });

  // biome-ignore format: column lists read best beside the values they take
  return [
    table('public.country', ['code', 'name_en', 'name_nl'], countries.map((c) => [c.code, c.nameEn, c.nameNl])),
    table(
      'public.staff',
      ['id', 'employee_number', 'first_name', 'last_name', 'email', 'phone_extension', 'role', 'supervisor_id', 'active', 'hired_on'],
      staff.map((s) => [s.id, s.employeeNumber, s.firstName, s.lastName, s.email, s.phoneExtension, s.role, s.supervisorId, s.active, s.hiredOn]),
      true,
    ),
    table(
      'public.applicant',
      ['id', 'public_id', 'bsn', 'v_number', 'first_name', 'last_name', 'gender', 'date_of_birth', 'country_of_birth',
        'nationality', 'email', 'email_aliases', 'phone', 'alt_phone_numbers', 'street', 'house_number', 'postcode',
        'city', 'iban', 'extra', 'consent_research', 'created_at', 'updated_at'],
      applicants.map((a) => [a.id, a.publicId, a.bsn, a.vNumber, a.firstName, a.lastName, a.gender, a.dateOfBirth,
        a.countryOfBirth, a.nationality.code, a.email, a.emailAliases, a.phone, a.altPhoneNumbers, a.street,
        a.houseNumber, a.postcode, a.city, a.iban, new Json(a.extra), a.consentResearch, a.createdAt, a.updatedAt]),
    ),
    table(
      'public.application',
      ['id', 'reference', 'applicant_id', 'previous_application_id', 'status', 'purpose', 'created_at', 'submitted_at',
        'decided_on', 'fee_eur', 'fee_paid'],
      applications.map((p) => [p.id, p.reference, p.applicant.id, p.previous?.id ?? null, p.status, p.purpose,
        p.createdAt, p.submittedAt, date(p.decidedOn), p.feeEur, p.feePaid]),
    ),
    table(
      'public.diploma',
      ['application_id', 'seq', 'level', 'institution', 'country', 'field_of_study', 'graduation_year', 'subjects',
        'name_on_diploma', 'holder_birth_date', 'diploma_number', 'grade_average'],
      applications.flatMap((p) => p.diplomas.map((d) => [p.id, d.seq, d.level, d.institution, d.country,
        d.fieldOfStudy, d.graduationYear, d.subjects, d.nameOnDiploma, d.holderBirthDate, d.diplomaNumber,
        d.gradeAverage])),
    ),
    table(
      'public.document',
      ['id', 'application_id', 'diploma_seq', 'kind', 'filename', 'mime_type', 'size_bytes', 'sha256', 'content',
        'uploaded_at'],
      documents.map((d, i) => [i + 1, d.application.id, d.diplomaSeq, d.kind, d.filename, d.mimeType,
        d.content.length, d.sha256, d.content, d.uploadedAt]),
    ),
    table(
      'public.evaluation',
      ['id', 'application_id', 'diploma_seq', 'evaluator_id', 'reviewer_id', 'outcome', 'equivalent_to', 'nlqf_level',
        'remarks', 'hours_spent', 'started_at', 'evaluated_at'],
      evaluations.map((e, i) => [i + 1, e.diploma.application.id, e.diploma.seq, e.evaluatorId, e.reviewerId,
        e.outcome, e.equivalentTo, e.nlqfLevel, e.remarks, e.hoursSpent, e.startedAt, e.evaluatedAt]),
      true,
    ),
    table(
      'public.note',
      ['id', 'applicant_id', 'application_id', 'author_id', 'body', 'is_confidential', 'created_at'],
      notes.map((n, i) => [i + 1, n.applicant.id, n.application?.id ?? null, n.authorId, n.body, n.isConfidential,
        n.createdAt]),
    ),
    table(
      'public.outgoing_email',
      ['id', 'applicant_id', 'application_id', 'to_address', 'cc_addresses', 'subject', 'body', 'headers', 'status',
        'sent_at'],
      emails.map((e) => [e.id, e.application.applicant.id, e.application.id, e.toAddress, e.ccAddresses, e.subject,
        e.body, new Json(e.headers), e.status, e.sentAt]),
    ),
    table(
      'audit.audit_log',
      ['id', 'table_name', 'row_id', 'action', 'old_values', 'new_values', 'changed_by', 'client_ip', 'changed_at'],
      audit.map((e, i) => [i + 1, e.tableName, e.rowId, e.action, e.oldValues === null ? null : new Json(e.oldValues),
        e.newValues === null ? null : new Json(e.newValues), e.changedBy, e.clientIp, e.changedAt]),
    ),
  ];
}
