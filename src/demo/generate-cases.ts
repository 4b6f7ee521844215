/**
 * Applications, the diplomas in them and their evaluations. An applicant files one to three
 * applications over time; a later one often re-applies (previous_application_id) after a refusal.
 * Only the newest application of an applicant can still be open.
 */
import type { DemoRandom } from './demo-random.js';
import { snapshotDate } from './demo-random.js';
import type { Applicant } from './generate-people.js';
import type { StaffMember } from './generate-staff.js';
import type { DiplomaLevel } from './reference-data.js';
import { countryByCode, dutchEquivalents, fieldsOfStudy } from './reference-data.js';

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'awaiting_documents'
  | 'decided'
  | 'rejected'
  | 'withdrawn';

export interface Application {
  id: number;
  reference: string;
  readonly applicant: Applicant;
  previous: Application | null;
  readonly status: ApplicationStatus;
  readonly purpose: 'inburgering' | 'employment' | 'study' | 'naturalisation';
  readonly createdAt: Date;
  readonly submittedAt: Date | null;
  readonly decidedOn: Date | null;
  readonly feeEur: string;
  readonly feePaid: boolean;
  readonly diplomas: Diploma[];
}

export interface Diploma {
  readonly application: Application;
  readonly seq: number;
  readonly level: DiplomaLevel;
  readonly institution: string;
  readonly country: string;
  readonly fieldOfStudy: string;
  readonly graduationYear: number;
  readonly subjects: readonly string[];
  readonly nameOnDiploma: string;
  readonly holderBirthDate: string | null;
  readonly diplomaNumber: string | null;
  readonly gradeAverage: string | null;
}

export interface Evaluation {
  readonly diploma: Diploma;
  readonly evaluatorId: number;
  readonly reviewerId: number | null;
  readonly outcome:
    | 'equivalent'
    | 'partially_equivalent'
    | 'not_equivalent'
    | 'insufficient_documents'
    | null;
  readonly equivalentTo: string | null;
  readonly nlqfLevel: number | null;
  readonly remarks: string | null;
  readonly hoursSpent: string | null;
  readonly startedAt: Date;
  readonly evaluatedAt: Date | null;
}

const levels: readonly DiplomaLevel[] = ['secondary', 'vocational', 'bachelor', 'master', 'doctorate'];
const graduationAge: Readonly<Record<DiplomaLevel, number>> = {
  secondary: 18,
  vocational: 20,
  bachelor: 22,
  master: 24,
  doctorate: 29,
};
const vocationalFields = ['Electrical Installation', 'Information Technology', 'Nursing', 'Accounting'];
const universityFields = fieldsOfStudy.filter(
  (f) => f.field !== 'General Secondary Education' && f.field !== 'Electrical Installation',
);
const dayMs = 86_400_000;

/** Applications of all applicants, ids assigned in order of creation as a serial column would. */
export function generateApplications(random: DemoRandom, applicants: readonly Applicant[]): Application[] {
  const all: Application[] = [];
  for (const applicant of applicants) {
    const wanted = random.weighted([1, 2, 3], (n) => [60, 30, 10][n - 1] ?? 0);
    let start = random.after(applicant.createdAt, 0, 30);
    let previous: Application | null = null;
    for (let k = 0; k < wanted && start < snapshotDate; k++) {
      const isLast = k === wanted - 1;
      const application = makeApplication(random, applicant, start, isLast);
      if (previous !== null && random.chance(0.6)) application.previous = previous;
      all.push(application);
      previous = application;
      const closed = application.decidedOn ?? application.submittedAt ?? application.createdAt;
      start = new Date(closed.getTime() + random.int(30, 400) * dayMs);
    }
  }
  all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.applicant.id - b.applicant.id);
  all.forEach((application, index) => {
    application.id = index + 1;
    application.reference = `DW-${application.createdAt.getUTCFullYear()}-${String(index + 1).padStart(6, '0')}`;
  });
  return all;
}

function makeApplication(
  random: DemoRandom,
  applicant: Applicant,
  createdAt: Date,
  isLast: boolean,
): Application {
  const age = (snapshotDate.getTime() - createdAt.getTime()) / dayMs;
  const submittedAt = random.after(createdAt, 0, 14);
  // The newest application of an applicant may still be open; the more recent, the likelier.
  const openChance = !isLast ? 0 : age < 60 ? 0.9 : age < 150 ? 0.5 : age < 240 ? 0.1 : 0;
  let status: ApplicationStatus;
  if (random.chance(openChance)) {
    status = random.weighted(['draft', 'submitted', 'in_review', 'awaiting_documents'] as const, (s) =>
      s === 'draft' ? 1 : s === 'awaiting_documents' ? 2 : 4,
    );
  } else {
    status = random.weighted(['decided', 'rejected', 'withdrawn'] as const, (s) =>
      s === 'decided' ? 80 : s === 'rejected' ? 12 : 8,
    );
  }
  const decidedOn =
    status === 'decided' || status === 'rejected' ? random.officeTimeAfter(submittedAt, 20, 110) : null;
  const purpose = random.weighted(['inburgering', 'employment', 'study', 'naturalisation'] as const, (p) =>
    p === 'inburgering' ? 45 : p === 'employment' ? 30 : p === 'study' ? 15 : 10,
  );
  const feeEur = purpose === 'inburgering' ? '0.00' : random.chance(0.15) ? '113.50' : '227.00';
  const application: Application = {
    id: 0,
    reference: '',
    applicant,
    previous: null,
    status,
    purpose,
    createdAt,
    submittedAt: status === 'draft' ? null : submittedAt,
    decidedOn,
    feeEur,
    feePaid: feeEur === '0.00' || status !== 'draft',
    diplomas: [],
  };
  addDiplomas(random, application);
  return application;
}

function addDiplomas(random: DemoRandom, application: Application): void {
  const { applicant } = application;
  const count = random.weighted([1, 2, 3], (n) => [70, 25, 5][n - 1] ?? 0);
  const highest = random.weighted([0, 1, 2, 3, 4], (i) => [15, 15, 40, 25, 5][i] ?? 0);
  const first = Math.max(0, highest - count + 1);
  const birthYear = Number(applicant.dateOfBirth.slice(0, 4));
  const lastYear = (application.submittedAt ?? application.createdAt).getUTCFullYear();
  for (let i = first; i <= highest; i++) {
    const level = levels[i] as DiplomaLevel;
    const studied =
      random.chance(0.85) || applicant.nationality.bornElsewhere === undefined
        ? applicant.nationality
        : (countryByCode.get(random.pick(applicant.nationality.bornElsewhere)) ?? applicant.nationality);
    const field =
      level === 'secondary'
        ? 'General Secondary Education'
        : level === 'vocational'
          ? random.pick(vocationalFields)
          : random.pick(universityFields).field;
    const pool = fieldsOfStudy.find((f) => f.field === field)?.subjects ?? [];
    const institution =
      level === 'secondary'
        ? `Ministry of Education of ${studied.nameEn} (secondary school certificate)`
        : level === 'vocational' || studied.institutions.length === 0
          ? `${studied.nameEn} Technical and Vocational Training Institute`
          : random.pick(studied.institutions);
    const graduationYear = Math.min(lastYear, birthYear + graduationAge[level] + random.int(0, 4));
    application.diplomas.push({
      application,
      seq: application.diplomas.length + 1,
      level,
      institution,
      country: studied.code,
      fieldOfStudy: field,
      graduationYear,
      subjects: random.sample(pool, random.int(3, Math.min(6, pool.length))),
      // Diplomas print the family name first, in capitals.
      nameOnDiploma: `${applicant.lastName.toUpperCase()}, ${applicant.firstName}`,
      holderBirthDate: random.chance(0.8) ? applicant.dateOfBirth : null,
      diplomaNumber: random.chance(0.7) ? `${random.digits(random.int(5, 8))}/${graduationYear}` : null,
      gradeAverage: random.chance(0.8) ? (random.int(5500, 9800) / 100).toFixed(2) : null,
    });
  }
}

export function generateEvaluations(
  random: DemoRandom,
  applications: readonly Application[],
  staff: readonly StaffMember[],
): Evaluation[] {
  const evaluators = staff.filter((s) => s.role === 'evaluator' || s.role === 'senior_evaluator');
  const reviewers = staff.filter((s) => s.role === 'senior_evaluator' || s.role === 'team_lead');
  const evaluations: Evaluation[] = [];
  for (const application of applications) {
    const { status, submittedAt, decidedOn } = application;
    if (submittedAt === null) continue;
    for (const diploma of application.diplomas) {
      const finished = status === 'decided' || (status === 'rejected' && random.chance(0.3));
      const started =
        status === 'in_review' ||
        status === 'awaiting_documents' ||
        (status === 'withdrawn' && random.chance(0.3));
      if (!finished && !started) continue;
      const startedAt = random.officeTimeAfter(submittedAt, 1, 20);
      const evaluatedAt =
        finished && decidedOn !== null ? new Date(decidedOn.getTime() - random.int(0, 3) * 3_600_000) : null;
      const outcome = !finished
        ? null
        : status === 'rejected'
          ? 'insufficient_documents'
          : random.weighted(['equivalent', 'partially_equivalent', 'not_equivalent'] as const, (o) =>
              o === 'equivalent' ? 70 : o === 'partially_equivalent' ? 20 : 10,
            );
      let equivalent: readonly [string, number] | null = null;
      if (outcome === 'equivalent') equivalent = random.pick(dutchEquivalents[diploma.level]);
      if (outcome === 'partially_equivalent') {
        const lower = levels[Math.max(0, levels.indexOf(diploma.level) - 1)] as DiplomaLevel;
        equivalent = random.pick(dutchEquivalents[lower]);
      }
      evaluations.push({
        diploma,
        evaluatorId: random.pick(evaluators).id,
        reviewerId: finished && random.chance(0.4) ? random.pick(reviewers).id : null,
        outcome,
        equivalentTo: equivalent?.[0] ?? null,
        nlqfLevel: equivalent?.[1] ?? null,
        remarks: random.chance(0.75)
          ? evaluationRemark(random, diploma, outcome, equivalent?.[0] ?? null)
          : null,
        hoursSpent: finished ? (random.int(2, 24) / 4).toFixed(2) : null,
        startedAt: evaluatedAt !== null && startedAt > evaluatedAt ? evaluatedAt : startedAt,
        evaluatedAt,
      });
    }
  }
  // Identity ids follow the order rows were inserted in, i.e. when evaluations started.
  evaluations.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return evaluations;
}

/** Free-text remarks; many name the applicant, as real case notes do. */
function evaluationRemark(
  random: DemoRandom,
  diploma: Diploma,
  outcome: Evaluation['outcome'],
  equivalentTo: string | null,
): string {
  const { firstName, lastName, dateOfBirth } = diploma.application.applicant;
  const full = `${firstName} ${lastName}`;
  const templates = [
    `Diploma van ${full} vergeleken met ${equivalentTo ?? 'Nederlands niveau'}; cijferlijst compleet.`,
    `${diploma.institution} is erkend. ${outcome === null ? 'Beoordeling loopt nog.' : `Uitkomst: ${outcome}.`}`,
    `Naam op diploma (${diploma.nameOnDiploma}) komt overeen met paspoort van ${full}, geboren ${dateOfBirth}.`,
    `Studieduur ${random.int(3, 5)} jaar, ${random.int(120, 300)} credits. Geen bijzonderheden.`,
    `Verification request sent to ${diploma.institution} regarding ${lastName}, ${firstName}.`,
    `Transcript for ${full} lacks subject hours; compared on content only.`,
  ];
  return random.pick(templates);
}
