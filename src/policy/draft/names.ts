/**
 * What a column's or table's name says, in English and Dutch. Names are normalised to lower-case
 * snake_case first (`FirstName`, `first-name`, `First Name` → `first_name`), so patterns match whole
 * words between underscores; Dutch compounds (`geboortedatum`) are matched as substrings.
 */

/** What a column's name alone suggests it holds. */
export type NameKind =
  | 'secret'
  | 'email'
  | 'ip'
  | 'category'
  | 'birthPlace'
  | 'birthName'
  | 'birthDate'
  | 'firstName'
  | 'lastName'
  | 'nameParticle'
  | 'initials'
  | 'fullName'
  | 'ambiguousName'
  | 'username'
  | 'bsn'
  | 'iban'
  | 'accountNumber'
  | 'phone'
  | 'postcode'
  | 'houseNumberAddition'
  | 'houseNumber'
  | 'street'
  | 'city'
  | 'thingName'
  | 'document'
  | 'coordinates'
  | 'freeText';

/** `FirstName`, `first-name`, `Voornaam ` → `first_name`, `voornaam`; accents dropped. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

interface Rule {
  readonly kind: NameKind;
  /** Whole words between underscores; space-separated regex alternatives. */
  readonly words?: string;
  /** Words that must end the name, optionally followed by a number (`work_email`, `phone_2`, not `email_verified`). */
  readonly endings?: string;
  /** Dutch compounds, matched anywhere (`geboortedatum`, `woonadres`). */
  readonly compounds?: RegExp;
}

/**
 * Ordered: the first match wins, so specific names come before general ones (`email_address` before
 * `address`, `birth_place` before `birth`, `first_name` before `name`, free text before `status`).
 */
const rules: readonly Rule[] = [
  { kind: 'secret', words: 'password passwd pwd wachtwoord secret token api_?key salt totp otp' },
  {
    kind: 'email',
    endings: 'e_?mail(?:_?(?:adres|address|addr))? mail',
    compounds: /e_?mailadres|mailadres/,
  },
  { kind: 'ip', words: 'ip ipv4 ipv6 ip_?addr(?:ess)? ipadres remote_addr client_addr mac_?addr(?:ess)?' },
  { kind: 'category', words: 'geboorteland country_of_birth birth_?country' },
  { kind: 'birthPlace', words: 'birth_?place place_of_birth', compounds: /geboorteplaats/ },
  { kind: 'birthName', words: 'birth_?name maiden_?name', compounds: /geboortenaam|meisjesnaam/ },
  {
    kind: 'birthDate',
    words: 'birth birth_?date birthday date_of_birth dob born geb_?datum',
    compounds: /geboorte|geboren/,
  },
  {
    kind: 'firstName',
    words: 'first_?names? given_?names? fore_?names? fname middle_?names? nick_?name preferred_name',
    compounds: /voorna(?:am|men)|roepnaam/,
  },
  {
    kind: 'lastName',
    words: 'last_?name surname sur_name family_?name lname',
    compounds: /achternaam|geslachtsnaam|familienaam/,
  },
  { kind: 'nameParticle', words: 'name_prefix surname_prefix infix', compounds: /tussenvoegsel|voorvoegsel/ },
  { kind: 'initials', words: 'initials?', compounds: /voorletter/ },
  {
    kind: 'fullName',
    words:
      '(?:full|display|person|contact|applicant|customer|client|student|employee|patient|member|holder|recipient|sender|author|owner|legal|complete)_(?:name|naam) fullname displayname contact_person account_holder',
    compounds: /volledige_?naam|contactpersoon|tenaamstelling/,
  },
  { kind: 'ambiguousName', compounds: /^(?:name|naam|names|namen)$/ },
  { kind: 'username', words: 'user_?name login login_name gebruikersnaam handle screen_name' },
  {
    kind: 'bsn',
    words:
      'bsn ssn sofi national_?id(?:_?number)? social_security(?:_?(?:number|no|nr))? citizen_?service_?number persoonsnummer',
    compounds: /burgerservicenummer|sofinummer/,
  },
  {
    kind: 'iban',
    words: 'iban bank_?account(?:_?(?:number|no|nr))? rekening',
    compounds: /rekeningnummer|bankrekening/,
  },
  { kind: 'accountNumber', words: 'account_?(?:number|no|nr)' },
  {
    kind: 'phone',
    endings:
      '(?:tele)?phone(?:_?(?:number|nr|no))? (?:tel|gsm|mobile|mobiel|fax|cell)(?:_?(?:number|nr|no|nummer))?',
    compounds: /telefoon/,
  },
  { kind: 'postcode', words: 'postal_?code post_?code zip zip_?code', compounds: /postcode/ },
  {
    kind: 'houseNumberAddition',
    words: 'house_?(?:number|no|nr)_?(?:addition|suffix|letter|ext)',
    compounds: /toevoeging|huisletter/,
  },
  {
    kind: 'houseNumber',
    words: 'house_?(?:number|no|nr) housenumber street_?number building_?number',
    compounds: /huisnummer|huisnr/,
  },
  { kind: 'street', words: 'address(?:es)? addr address_?line_?\\d*', compounds: /straat|street|adres/ },
  {
    kind: 'city',
    words: 'city town plaats residence municipality gemeente stad locality',
    compounds: /woonplaats|plaatsnaam/,
  },
  {
    kind: 'thingName',
    // After the address rules, so `street_name` and `city_name` stay parts of an address.
    compounds: thingNamePattern(),
  },
  {
    kind: 'document',
    // Not `student_id`: that is usually a key pointing at a row, not a number on a card.
    words:
      'document_?(?:number|nr|no|nummer) id_?card(?:_?number)? id_?number id_?kaart drivers?_?licen[cs]e(?:_?number)? v_?nummer residence_?permit (?:student|employee|patient|insurance|tax|vat|btw|kvk|licen[cs]e)_?(?:number|nr|no|nummer) (?:tax|vat|btw)_?id kvk medical_?record(?:_?number)? mrn',
    compounds:
      /paspoort|passport|rijbewijs|identiteitsbewijs|vreemdelingennummer|verblijfsvergunning|documentnummer|studentnummer|personeelsnummer|onderwijsnummer|polisnummer/,
  },
  { kind: 'coordinates', words: 'lat latitude lng lon longitude geo coordinates coords geolocation gps' },
  {
    kind: 'freeText',
    words:
      'notes? remarks? comments? body description desc messages? msg text contents? memo reason motivation feedback details? summary subject bio about explanation annotations? answers? response questions? letter correspondence',
    compounds: /opmerking|toelichting|omschrijving|bericht|notitie|motivatie|antwoord/,
  },
  {
    kind: 'category',
    words:
      'gender geslacht sex nationality nationaliteit country country_code land language taal locale status state type kind role category currency salutation aanhef marital_status burgerlijke_staat',
  },
];

/**
 * Names and titles of things: `title`, `company`, `album_title`, `product_name`, `bedrijfsnaam`.
 * Whole names only: `product` names a thing, `product_description` is free text about one.
 */
function thingNamePattern(): RegExp {
  const things =
    'product album track song brand company organi[sz]ation org department dept afdeling category tag label ' +
    'item article book film movie show episode game app project team group club band genre playlist course ' +
    'programme program event venue shop store school institution instelling university hospital bank employer ' +
    'supplier vendor manufacturer publisher business firm trade plan service package model device country ' +
    'region province state place location site building room airport station facility branch office';
  const bare =
    'title titel company companies bedrijf organi[sz]ation organisatie employer werkgever brand merk product ' +
    'album track song genre department afdeling label tag';
  const alternatives = (words: string) => words.split(' ').join('|');
  return new RegExp(
    `^(?:(?:[a-z0-9]+_)*(?:${alternatives(things)})_?(?:name|naam|title|titel|label)|${alternatives(bare)}|` +
      '(?:bedrijfs|organisatie|product|handels|instellings|school|afdelings)naam)$',
  );
}

const compiled = rules.map((r) => ({
  kind: r.kind,
  patterns: [
    r.words === undefined ? null : new RegExp(`(?:^|_)(?:${r.words.split(' ').join('|')})(?:_|$)`),
    r.endings === undefined ? null : new RegExp(`(?:^|_)(?:${r.endings.split(' ').join('|')})(?:_?\\d+)?$`),
    r.compounds ?? null,
  ].filter((p): p is RegExp => p !== null),
}));

/** The first name rule the column's name matches, or null when the name says nothing. */
export function kindFromName(columnName: string): NameKind | null {
  const name = normalizeName(columnName);
  for (const { kind, patterns } of compiled) if (patterns.some((p) => p.test(name))) return kind;
  return null;
}

/** Whether a table's rows are about people, about things (lookups, organisations), or unknown. */
export type TableContext = 'people' | 'things' | 'unknown';

const peopleWords =
  /^(?:persons?|people|persoon|personen|applicants?|aanvragers?|users?|gebruikers?|customers?|klant(?:en)?|clients?|employees?|medewerkers?|werknemers?|staff|students?|studenten|leerling(?:en)?|patients?|patienten|members?|leden|lid|contacts?|citizens?|burgers?|residents?|bewoners?|participants?|deelnemers?|candidates?|kandidaten|accounts?|profiles?|profielen|guardians?|parents?|ouders?|children|child|kinderen|spouses?|partners?|beneficiar(?:y|ies)|holders?|owners?|drivers?|passengers?|travell?ers?|guests?|visitors?|subscribers?|recipients?|authors?|sollicitant(?:en)?|individuals?|persons?|reviewers?|beoordelaars?|assessors?|evaluators?|editors?|teachers?|docent(?:en)?|instructors?|tutors?|mentors?|coach(?:es)?|trainers?|doctors?|artsen|arts|physicians?|nurses?|verpleegkundigen?|lawyers?|advocaten|advisors?|advisers?|adviseurs?|consultants?|representatives?|managers?|directors?|supervisors?|officers?|volunteers?|vrijwilligers?|donors?|respondents?|interviewers?|speakers?|sellers?|buyers?|tenants?|huurders?|landlords?|borrowers?|lenders?)$/;
const thingWords =
  /^(?:country|countries|landen|land|institutions?|instelling(?:en)?|institutes?|schools?|scholen|universit(?:y|ies)|universiteit(?:en)?|compan(?:y|ies)|bedrijf|bedrijven|organi[sz]ations?|organisaties?|employers?|werkgevers?|suppliers?|vendors?|leveranciers?|banks?|offices?|branch(?:es)?|vestiging(?:en)?|departments?|afdeling(?:en)?|status(?:es|sen)?|types?|soort(?:en)?|categor(?:y|ies)|categorieen|kinds?|lookups?|codes?|languages?|talen|currenc(?:y|ies)|products?|producten|roles?|rollen|permissions?|settings?|config(?:uration)?s?|tags?|labels?|enums?|municipalit(?:y|ies)|gemeenten?|provinces?|provincies?|regions?|regios?|cities|steden|city|albums?|tracks?|songs?|playlists?|genres?|artworks?|brands?|merken|items?|books?|boeken|films?|movies?|courses?|cursus(?:sen)?|events?|venues?|shops?|stores?|winkels?|warehouses?|airports?|stations?|teams?|projects?|projecten|titles?|services?|plans?|packages?|devices?|assets?|locations?|locaties?|sites?|buildings?|rooms?)$/;

/** People-ness from the columns' names: a BSN, a first+last name or a date of birth settles it. */
const strongPersonKinds: readonly NameKind[] = ['bsn', 'birthDate', 'firstName', 'lastName', 'initials'];
const weakPersonKinds: readonly NameKind[] = ['fullName', 'email', 'phone', 'nameParticle', 'username'];

/**
 * The head noun decides (`customer_type` is about types, `applicant_diploma` leans on `applicant`):
 * words are tried from last to first. Person-only column names override a table name of things.
 */
export function tableContext(tableName: string, columnNames: readonly string[]): TableContext {
  const kinds = columnNames.map(kindFromName);
  if (kinds.some((k) => k !== null && strongPersonKinds.includes(k))) return 'people';
  const tableWords = normalizeName(tableName).split('_').reverse();
  for (const word of tableWords) {
    if (thingWords.test(word)) return 'things';
    if (peopleWords.test(word)) return 'people';
  }
  if (kinds.some((k) => k !== null && weakPersonKinds.includes(k))) return 'people';
  return 'unknown';
}

/**
 * Columns that only things have: a price, an ISBN, a composer, a running time. Next to a `name`
 * whose table says nothing, they say the name is a thing's. Words people have too (a category, a
 * type, a weight) are not here.
 */
const thingAttribute =
  /(?:^|_)(?:price|unit_?price|list_?price|sku|isbn|ean|upc|gtin|barcode|composer|genre|album|track|song|publisher|edition|manufacturer|brand|stock|in_?stock|runtime|milliseconds|duration_?ms|bytes|file_?size|capacity|seats|pages|release_?(?:date|year)|released|artikelnummer|prijs)(?:_|$)/;

/** The first of the table's other columns whose name says the rows are things, or null. */
export function thingNeighbour(columnNames: readonly string[], column: string): string | null {
  return columnNames.find((name) => name !== column && thingAttribute.test(normalizeName(name))) ?? null;
}
