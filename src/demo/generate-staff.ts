/**
 * Staff of the service: a director, team leads under the director, evaluators, front office and
 * administrators under a team lead (a self-referencing foreign key). Dutch names, work e-mail.
 */
import type { DemoRandom } from './demo-random.js';
import { isoDate } from './demo-random.js';
import type { StaffRole } from './reference-data.js';

export interface StaffMember {
  readonly id: number;
  readonly employeeNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneExtension: string | null;
  readonly role: StaffRole;
  readonly supervisorId: number | null;
  readonly active: boolean;
  readonly hiredOn: string;
}

/** A reserved top-level domain (RFC 2606): the service's addresses can never reach anyone. */
export const staffDomain = 'diplomawaardering.example';

/** ASCII local part for an e-mail address: `van den Heuvel` → `vandenheuvel`. */
function mailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** These come first so that even a tiny demo has someone for every job. */
const firstRoles: readonly StaffRole[] = ['evaluator', 'senior_evaluator', 'front_office'];
const otherRoles = [
  ['evaluator', 60],
  ['senior_evaluator', 18],
  ['front_office', 15],
  ['administrator', 4],
] as const;

/** Staff: a director, team leads under the director, everyone else under a team lead. */
export function generateStaff(random: DemoRandom, count: number): StaffMember[] {
  const staff: StaffMember[] = [];
  const emails = new Set<string>();
  const teamLeads = Math.max(1, Math.round(count / 12));
  for (let id = 1; id <= count; id++) {
    const role: StaffRole =
      id === 1
        ? 'director'
        : id <= 1 + teamLeads
          ? 'team_lead'
          : (firstRoles[id - 2 - teamLeads] ?? random.weighted(otherRoles, (r) => r[1])[0]);
    const sex = random.chance(0.5) ? 'female' : 'male';
    const firstName = random.faker.person.firstName(sex);
    const lastName = random.faker.person.lastName();
    let email = `${mailPart(firstName).slice(0, 1)}.${mailPart(lastName)}@${staffDomain}`;
    for (let n = 2; emails.has(email); n++)
      email = `${mailPart(firstName)}.${mailPart(lastName)}${n}@${staffDomain}`;
    emails.add(email);
    const supervisorId = role === 'director' ? null : role === 'team_lead' ? 1 : random.int(2, 1 + teamLeads);
    staff.push({
      id,
      employeeNumber: `E${String(10_000 + id * 7 + random.int(0, 6))}`,
      firstName,
      lastName,
      email,
      phoneExtension: random.chance(0.9) ? String(random.int(2000, 2999)) : null,
      role,
      supervisorId,
      active: random.chance(0.9),
      hiredOn: isoDate(random.between(new Date('2004-01-01'), new Date('2024-12-31'))),
    });
  }
  return staff;
}
