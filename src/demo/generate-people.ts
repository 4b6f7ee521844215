/**
 * Applicants. They are ordered by registration time, so ids grow with `created_at`
 * as they do in a real table. Fields an applicant changed later (e-mail, phone, address) keep their
 * earlier values in `changes`, which become audit-log rows, e-mails sent to the old address and so on.
 */
import type { DemoRandom } from './demo-random.js';
import { isoDate } from './demo-random.js';
import type { StaffMember } from './generate-staff.js';
import {
  formatMobile,
  makeBsn,
  makeHouseNumber,
  makeIban,
  makeLandline,
  makeMobile,
  makePostcode,
  mobileFormats,
} from './identifiers.js';
import type { City, Country } from './reference-data.js';
import { cities, countries, streetNames } from './reference-data.js';

export interface Address {
  readonly street: string;
  readonly houseNumber: string;
  readonly postcode: string;
  readonly city: string;
}

export interface EmergencyContact {
  readonly name: string;
  readonly relation: string;
  readonly phone: string;
}

/** One earlier value of a personal field, replaced at `at` by the current one. */
export interface PersonalChange {
  readonly at: Date;
  readonly field: 'email' | 'phone' | 'address';
  readonly old: Readonly<Record<string, string>>;
  readonly new: Readonly<Record<string, string>>;
  /** Null when the applicant changed it in the portal. */
  readonly byStaffId: number | null;
  readonly clientIp: string | null;
}

export interface Applicant extends Address {
  readonly id: number;
  readonly publicId: string;
  readonly bsn: string | null;
  readonly vNumber: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: 'female' | 'male' | 'unspecified';
  readonly dateOfBirth: string;
  readonly countryOfBirth: string;
  readonly nationality: Country;
  readonly email: string;
  readonly emailAliases: readonly string[];
  readonly phone: string | null;
  readonly altPhoneNumbers: readonly string[] | null;
  readonly iban: string | null;
  readonly extra: Readonly<Record<string, unknown>>;
  /** Also inside `extra`; kept typed here for the notes that mention them. */
  readonly preferredLanguage: string;
  readonly emergencyContact: EmergencyContact | null;
  readonly consentResearch: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
  readonly changes: readonly PersonalChange[];
}

const changeableFields = ['email', 'phone', 'address'] as const;
const firstRegistration = new Date('2018-01-08T08:00:00Z');
const lastRegistration = new Date('2025-06-27T18:00:00Z');

function makeAddress(random: DemoRandom, city: City): Address {
  const street = random.chance(0.6) ? random.pick(streetNames) : random.faker.location.street();
  return {
    street,
    houseNumber: makeHouseNumber(random),
    postcode: makePostcode(random, city),
    city: city.name,
  };
}

/** An address keyed by column name, as an audit trigger writes it. */
function addressColumns(address: Address): Record<string, string> {
  const { street, houseNumber, postcode, city } = address;
  return { street, house_number: houseNumber, postcode, city };
}

function uniqueEmail(random: DemoRandom, taken: Set<string>, firstName: string, lastName: string): string {
  for (;;) {
    const email = random.faker.internet.email({ firstName, lastName }).toLowerCase();
    if (!taken.has(email)) {
      taken.add(email);
      return email;
    }
  }
}

export function generateApplicants(
  random: DemoRandom,
  count: number,
  staff: readonly StaffMember[],
): Applicant[] {
  const nationalities = countries.filter((c) => c.weight > 0);
  const registered = Array.from({ length: count }, () => random.between(firstRegistration, lastRegistration));
  registered.sort((a, b) => a.getTime() - b.getTime());
  const bsns = new Set<string>();
  const emails = new Set<string>();
  const counter = staff.filter((s) => s.role === 'front_office' || s.role === 'evaluator');
  return registered.map((createdAt, index) => {
    const nationality = random.weighted(nationalities, (c) => c.weight);
    const countryOfBirth =
      nationality.bornElsewhere !== undefined && random.chance(0.15)
        ? random.pick(nationality.bornElsewhere)
        : nationality.code;
    const names = random.locale(nationality.locale);
    const gender = random.weighted(['female', 'male', 'unspecified'] as const, (g) =>
      g === 'unspecified' ? 1 : 50,
    );
    const sex = gender === 'unspecified' ? random.pick(['female', 'male'] as const) : gender;
    const firstName = names.person.firstName(sex);
    const lastName = names.person.lastName(sex);
    const age = random.int(18, 64);
    const birth = new Date(Date.UTC(createdAt.getUTCFullYear() - age, random.int(0, 11), random.int(1, 28)));
    let bsn: string | null = null;
    // A few applicants are registered before they have a BSN (not yet in the BRP).
    if (random.chance(0.97)) {
      do bsn = makeBsn(random);
      while (bsns.has(bsn));
      bsns.add(bsn);
    }
    const email = uniqueEmail(random, emails, firstName, lastName);
    const mobile = makeMobile(random);
    const phone = random.chance(0.95) ? formatMobile(mobile, random.pick(mobileFormats)) : null;
    const city = random.weighted(cities, (c) => c.weight);
    const address = makeAddress(random, city);
    const altPhoneNumbers = random.chance(0.3)
      ? [random.chance(0.6) ? makeLandline(random, city) : formatMobile(makeMobile(random), '06-12345678')]
      : random.chance(0.5)
        ? []
        : null;
    const changes: PersonalChange[] = [];
    const changeCount = random.weighted([0, 1, 2], (n) => [65, 28, 7][n] ?? 0);
    let changedAt = createdAt;
    const aliases: string[] = [];
    for (let c = 0; c < changeCount; c++) {
      changedAt = random.after(changedAt, 10, 700);
      const byStaff = random.chance(0.4) ? random.pick(counter).id : null;
      const field = random.pick(phone === null ? (['email', 'address'] as const) : changeableFields);
      let old: Record<string, string>;
      let now: Record<string, string>;
      if (field === 'email') {
        const oldEmail = uniqueEmail(random, emails, firstName, lastName);
        old = { email: oldEmail };
        now = { email };
        if (random.chance(0.5)) aliases.push(oldEmail);
      } else if (field === 'phone' && phone !== null) {
        old = { phone: formatMobile(makeMobile(random), random.pick(mobileFormats)) };
        now = { phone };
      } else {
        old = addressColumns(
          makeAddress(
            random,
            random.weighted(cities, (x) => x.weight),
          ),
        );
        now = addressColumns(address);
      }
      const clientIp = byStaff === null ? random.faker.internet.ipv4() : null;
      changes.push({ at: changedAt, field, old, new: now, byStaffId: byStaff, clientIp });
    }
    const preferredLanguage = random.chance(0.7) ? nationality.language : random.pick(['nl', 'en']);
    const emergencyContact = random.chance(0.45)
      ? {
          // Relatives often share the family name: another person's personal data in this row.
          name: `${names.person.firstName()} ${random.chance(0.7) ? lastName : names.person.lastName()}`,
          relation: random.pick(['partner', 'broer', 'zus', 'vader', 'moeder', 'neef']),
          phone: formatMobile(makeMobile(random), random.pick(mobileFormats)),
        }
      : null;
    const extra = applicantExtra(random, preferredLanguage, emergencyContact, city, createdAt);
    return {
      id: index + 1,
      publicId: random.faker.string.uuid(),
      bsn,
      vNumber: random.chance(0.4) ? String(random.int(1, 9)) + random.digits(9) : null,
      firstName,
      lastName,
      gender,
      dateOfBirth: isoDate(birth),
      countryOfBirth,
      nationality,
      email,
      emailAliases: aliases,
      phone,
      altPhoneNumbers,
      ...address,
      iban: random.chance(0.85) ? makeIban(random) : null,
      extra,
      preferredLanguage,
      emergencyContact,
      consentResearch: random.chance(0.35),
      createdAt,
      updatedAt: changes.length > 0 ? changedAt : random.chance(0.5) ? random.after(createdAt, 1, 400) : null,
      changes,
    };
  });
}

/** The loosely structured `extra` column: nested contact details, not every key on every row. */
function applicantExtra(
  random: DemoRandom,
  preferredLanguage: string,
  emergencyContact: EmergencyContact | null,
  city: City,
  createdAt: Date,
): Record<string, unknown> {
  const contact: Record<string, unknown> = {
    preferred_language: preferredLanguage,
    preferred_channel: random.pick(['email', 'email', 'phone', 'post']),
  };
  if (emergencyContact !== null) contact.emergency_contact = { ...emergencyContact };
  const extra: Record<string, unknown> = { contact, interpreter_needed: random.chance(0.3) };
  if (random.chance(0.6)) {
    extra.inburgering = {
      municipality: city.name.replace("'s-Gravenhage", 'Den Haag'),
      status_holder: random.chance(0.6),
      // Deadlines may lie after the snapshot, so this is not clamped like other dates.
      exam_deadline: isoDate(new Date(createdAt.getTime() + random.int(365, 1100) * 86_400_000)),
    };
  }
  if (random.chance(0.5)) {
    extra.portal = { last_login_at: random.after(createdAt, 0, 900).toISOString(), mfa: random.chance(0.3) };
  }
  return extra;
}
