/**
 * Fixed, non-personal reference data the demo generator draws from: countries with their faker name
 * locale and real institutions, Dutch cities with their real postcode ranges and area codes, banks,
 * fields of study. Real place and institution names make the demo look like production; none of it
 * identifies a person.
 */

/** The faker locales used for names; `en` stands in where faker has no locale for the country. */
export type NameLocale =
  | 'nl'
  | 'ar'
  | 'en'
  | 'tr'
  | 'pl'
  | 'uk'
  | 'fa'
  | 'pt_BR'
  | 'en_IN'
  | 'zh_CN'
  | 'en_NG'
  | 'ro'
  | 'ru'
  | 'en_GH'
  | 'es';

export interface Country {
  readonly code: string;
  readonly nameEn: string;
  readonly nameNl: string;
  readonly locale: NameLocale;
  /** Relative share of applicants with this nationality (0: only a country of birth). */
  readonly weight: number;
  /** Other countries of birth for this nationality, e.g. Eritreans born in Ethiopia or Sudan. */
  readonly bornElsewhere?: readonly string[];
  readonly institutions: readonly string[];
  /** The language code stored as the applicant's preferred language. */
  readonly language: string;
}

// Weights roughly follow the mix of people in the Dutch civic-integration programme.
// biome-ignore format: a table reads best one row per line
export const countries: readonly Country[] = [
  { code: 'SY', nameEn: 'Syria', nameNl: 'Syrië', locale: 'ar', weight: 16, bornElsewhere: ['LB', 'TR', 'IQ'], language: 'ar', institutions: ['Damascus University', 'University of Aleppo', 'Tishreen University', 'Al-Baath University', 'Higher Institute for Applied Sciences and Technology'] },
  { code: 'UA', nameEn: 'Ukraine', nameNl: 'Oekraïne', locale: 'uk', weight: 11, bornElsewhere: ['RU'], language: 'uk', institutions: ['Taras Shevchenko National University of Kyiv', 'Lviv Polytechnic National University', 'V. N. Karazin Kharkiv National University', 'Odesa I. I. Mechnikov National University'] },
  { code: 'TR', nameEn: 'Turkey', nameNl: 'Turkije', locale: 'tr', weight: 10, language: 'tr', institutions: ['Istanbul University', 'Ankara University', 'Ege University', 'Middle East Technical University', 'Dokuz Eylül University'] },
  { code: 'ER', nameEn: 'Eritrea', nameNl: 'Eritrea', locale: 'en', weight: 8, bornElsewhere: ['ET', 'SD'], language: 'ti', institutions: ['University of Asmara', 'Eritrea Institute of Technology', 'Asmara College of Health Sciences', 'Hamelmalo Agricultural College'] },
  { code: 'MA', nameEn: 'Morocco', nameNl: 'Marokko', locale: 'ar', weight: 7, language: 'ar', institutions: ['Université Mohammed V de Rabat', 'Université Hassan II de Casablanca', 'Université Abdelmalek Essaâdi', 'Université Cadi Ayyad'] },
  { code: 'PL', nameEn: 'Poland', nameNl: 'Polen', locale: 'pl', weight: 6, language: 'pl', institutions: ['University of Warsaw', 'Jagiellonian University', 'Wrocław University of Science and Technology', 'Adam Mickiewicz University'] },
  { code: 'AF', nameEn: 'Afghanistan', nameNl: 'Afghanistan', locale: 'fa', weight: 6, bornElsewhere: ['IR', 'PK'], language: 'fa', institutions: ['Kabul University', 'Herat University', 'Balkh University', 'Kabul Polytechnic University'] },
  { code: 'IR', nameEn: 'Iran', nameNl: 'Iran', locale: 'fa', weight: 5, language: 'fa', institutions: ['University of Tehran', 'Sharif University of Technology', 'Shiraz University', 'Isfahan University of Technology'] },
  { code: 'IN', nameEn: 'India', nameNl: 'India', locale: 'en_IN', weight: 5, language: 'en', institutions: ['University of Delhi', 'University of Mumbai', 'Anna University', 'Jawaharlal Nehru University'] },
  { code: 'IQ', nameEn: 'Iraq', nameNl: 'Irak', locale: 'ar', weight: 4, bornElsewhere: ['SY'], language: 'ar', institutions: ['University of Baghdad', 'University of Mosul', 'Salahaddin University-Erbil', 'University of Basrah'] },
  { code: 'BR', nameEn: 'Brazil', nameNl: 'Brazilië', locale: 'pt_BR', weight: 3, language: 'pt', institutions: ['Universidade de São Paulo', 'Universidade Federal do Rio de Janeiro', 'Universidade Estadual de Campinas'] },
  { code: 'CN', nameEn: 'China', nameNl: 'China', locale: 'zh_CN', weight: 2, language: 'zh', institutions: ['Peking University', 'Fudan University', 'Zhejiang University'] },
  { code: 'NG', nameEn: 'Nigeria', nameNl: 'Nigeria', locale: 'en_NG', weight: 2, language: 'en', institutions: ['University of Lagos', 'University of Ibadan', 'Obafemi Awolowo University'] },
  { code: 'EG', nameEn: 'Egypt', nameNl: 'Egypte', locale: 'ar', weight: 2, language: 'ar', institutions: ['Cairo University', 'Alexandria University', 'Ain Shams University'] },
  { code: 'RO', nameEn: 'Romania', nameNl: 'Roemenië', locale: 'ro', weight: 2, language: 'ro', institutions: ['University of Bucharest', 'Babeș-Bolyai University', 'Politehnica University of Bucharest'] },
  { code: 'RU', nameEn: 'Russia', nameNl: 'Rusland', locale: 'ru', weight: 2, bornElsewhere: ['UA'], language: 'ru', institutions: ['Lomonosov Moscow State University', 'Saint Petersburg State University', 'Novosibirsk State University'] },
  { code: 'YE', nameEn: 'Yemen', nameNl: 'Jemen', locale: 'ar', weight: 1, bornElsewhere: ['SA'], language: 'ar', institutions: ["Sana'a University", 'University of Aden'] },
  { code: 'SD', nameEn: 'Sudan', nameNl: 'Soedan', locale: 'ar', weight: 1, language: 'ar', institutions: ['University of Khartoum', 'Sudan University of Science and Technology'] },
  { code: 'ET', nameEn: 'Ethiopia', nameNl: 'Ethiopië', locale: 'en', weight: 1, language: 'am', institutions: ['Addis Ababa University', 'Bahir Dar University'] },
  { code: 'GH', nameEn: 'Ghana', nameNl: 'Ghana', locale: 'en_GH', weight: 1, language: 'en', institutions: ['University of Ghana', 'Kwame Nkrumah University of Science and Technology'] },
  { code: 'ES', nameEn: 'Spain', nameNl: 'Spanje', locale: 'es', weight: 1, language: 'es', institutions: ['Universidad Complutense de Madrid', 'Universitat de Barcelona'] },
  { code: 'LB', nameEn: 'Lebanon', nameNl: 'Libanon', locale: 'ar', weight: 0, language: 'ar', institutions: ['Lebanese University', 'American University of Beirut'] },
  { code: 'PK', nameEn: 'Pakistan', nameNl: 'Pakistan', locale: 'en', weight: 0, language: 'ur', institutions: ['University of the Punjab'] },
  { code: 'SA', nameEn: 'Saudi Arabia', nameNl: 'Saoedi-Arabië', locale: 'ar', weight: 0, language: 'ar', institutions: ['King Saud University'] },
  { code: 'NL', nameEn: 'Netherlands', nameNl: 'Nederland', locale: 'nl', weight: 0, language: 'nl', institutions: [] },
];

export const countryByCode: ReadonlyMap<string, Country> = new Map(countries.map((c) => [c.code, c]));

export interface City {
  readonly name: string;
  /** Real 4-digit postcode range of the municipality (inclusive). */
  readonly postcodeFrom: number;
  readonly postcodeTo: number;
  /** Trunk-prefixed area code for landlines, e.g. `020`. */
  readonly areaCode: string;
  readonly weight: number;
}

// biome-ignore format: a table reads best one row per line
export const cities: readonly City[] = [
  { name: 'Amsterdam', postcodeFrom: 1011, postcodeTo: 1109, areaCode: '020', weight: 14 },
  { name: 'Rotterdam', postcodeFrom: 3011, postcodeTo: 3089, areaCode: '010', weight: 12 },
  // The registry spells The Hague with an apostrophe, which exercises quoting everywhere.
  { name: "'s-Gravenhage", postcodeFrom: 2491, postcodeTo: 2597, areaCode: '070', weight: 10 },
  { name: 'Utrecht', postcodeFrom: 3511, postcodeTo: 3585, areaCode: '030', weight: 7 },
  { name: 'Eindhoven', postcodeFrom: 5611, postcodeTo: 5658, areaCode: '040', weight: 4 },
  { name: 'Groningen', postcodeFrom: 9711, postcodeTo: 9747, areaCode: '050', weight: 4 },
  { name: 'Tilburg', postcodeFrom: 5011, postcodeTo: 5049, areaCode: '013', weight: 3 },
  { name: 'Almere', postcodeFrom: 1311, postcodeTo: 1361, areaCode: '036', weight: 4 },
  { name: 'Breda', postcodeFrom: 4811, postcodeTo: 4839, areaCode: '076', weight: 2 },
  { name: 'Nijmegen', postcodeFrom: 6511, postcodeTo: 6546, areaCode: '024', weight: 3 },
  { name: 'Arnhem', postcodeFrom: 6811, postcodeTo: 6846, areaCode: '026', weight: 3 },
  { name: 'Enschede', postcodeFrom: 7511, postcodeTo: 7548, areaCode: '053', weight: 3 },
  { name: 'Haarlem', postcodeFrom: 2011, postcodeTo: 2037, areaCode: '023', weight: 2 },
  { name: 'Zwolle', postcodeFrom: 8011, postcodeTo: 8047, areaCode: '038', weight: 2 },
  { name: 'Leiden', postcodeFrom: 2311, postcodeTo: 2334, areaCode: '071', weight: 2 },
  { name: 'Maastricht', postcodeFrom: 6211, postcodeTo: 6229, areaCode: '043', weight: 2 },
  { name: 'Apeldoorn', postcodeFrom: 7311, postcodeTo: 7339, areaCode: '055', weight: 2 },
  { name: 'Amersfoort', postcodeFrom: 3811, postcodeTo: 3829, areaCode: '033', weight: 2 },
  { name: 'Zaandam', postcodeFrom: 1501, postcodeTo: 1509, areaCode: '075', weight: 2 },
  { name: 'Dordrecht', postcodeFrom: 3311, postcodeTo: 3319, areaCode: '078', weight: 1 },
  { name: 'Leeuwarden', postcodeFrom: 8911, postcodeTo: 8939, areaCode: '058', weight: 1 },
  { name: 'Emmen', postcodeFrom: 7811, postcodeTo: 7833, areaCode: '0591', weight: 1 },
  { name: 'Delft', postcodeFrom: 2611, postcodeTo: 2629, areaCode: '015', weight: 1 },
  { name: 'Venlo', postcodeFrom: 5911, postcodeTo: 5928, areaCode: '077', weight: 1 },
];

/** Common real Dutch street names; faker's `nl` street generator adds variety on top. */
// biome-ignore format: a table reads best one row per line
export const streetNames: readonly string[] = [
  'Kerkstraat', 'Dorpsstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat',
  'Wilhelminastraat', 'Beatrixlaan', 'Prins Hendrikstraat', 'Lindenlaan', 'Eikenlaan', 'Parallelweg',
  'Nieuwstraat', 'Marktstraat', 'Kastanjelaan', 'Irenestraat', 'Emmastraat', 'Oranjestraat',
  'Industrieweg', 'Sportlaan', 'Burgemeester de Withstraat', 'Van Goghstraat', 'Rembrandtlaan',
  'Plataanstraat', 'Merelstraat', 'Vondelstraat', 'Hoofdstraat', 'Spoorstraat', 'Tulpstraat',
  'Graaf Florisstraat', 'Koningin Julianaplein', 'Van der Helststraat', "Korte 's-Gravenstraat",
];

/** Real Dutch bank codes; weights roughly follow market share. */
// biome-ignore format: a table reads best one row per line
export const banks: readonly { readonly code: string; readonly weight: number }[] = [
  { code: 'INGB', weight: 35 },
  { code: 'RABO', weight: 25 },
  { code: 'ABNA', weight: 20 },
  { code: 'SNSB', weight: 6 },
  { code: 'BUNQ', weight: 6 },
  { code: 'ASNB', weight: 3 },
  { code: 'TRIO', weight: 2 },
  { code: 'KNAB', weight: 2 },
  { code: 'RBRB', weight: 1 },
];

export type DiplomaLevel = 'secondary' | 'vocational' | 'bachelor' | 'master' | 'doctorate';

/** The Dutch equivalent a level is usually evaluated at, and its NLQF level. */
// biome-ignore format: a table reads best one row per line
export const dutchEquivalents: Readonly<Record<DiplomaLevel, readonly (readonly [string, number])[]>> = {
  secondary: [['havo', 4], ['vwo', 4], ['mbo-2', 2]],
  vocational: [['mbo-3', 3], ['mbo-4', 4], ['associate degree', 5]],
  bachelor: [['hbo-bachelor', 6], ['wo-bachelor', 6]],
  master: [['wo-master', 7], ['hbo-master', 7]],
  doctorate: [['doctorate', 8]],
};

// biome-ignore format: a table reads best one row per line
export const fieldsOfStudy: readonly { readonly field: string; readonly subjects: readonly string[] }[] = [
  { field: 'Civil Engineering', subjects: ['Statics', 'Structural Analysis', 'Soil Mechanics', 'Hydraulics', 'Surveying', 'Concrete Design'] },
  { field: 'Medicine', subjects: ['Anatomy', 'Physiology', 'Pharmacology', 'Pathology', 'Internal Medicine', 'Surgery', 'Paediatrics'] },
  { field: 'Pharmacy', subjects: ['Pharmaceutical Chemistry', 'Pharmacology', 'Pharmacognosy', 'Toxicology', 'Microbiology'] },
  { field: 'Law', subjects: ['Civil Law', 'Criminal Law', 'Constitutional Law', 'International Law', 'Commercial Law'] },
  { field: 'Economics', subjects: ['Microeconomics', 'Macroeconomics', 'Econometrics', 'Statistics', 'Public Finance'] },
  { field: 'Computer Science', subjects: ['Programming', 'Algorithms', 'Databases', 'Operating Systems', 'Computer Networks', 'Discrete Mathematics'] },
  { field: 'Nursing', subjects: ['Anatomy', 'Nursing Care', 'Pharmacology', 'Community Health', 'Midwifery'] },
  { field: 'Mathematics Education', subjects: ['Calculus', 'Linear Algebra', 'Didactics', 'Geometry', 'Statistics'] },
  { field: 'English Language and Literature', subjects: ['Linguistics', 'Phonetics', 'Translation', 'British Literature', 'American Literature'] },
  { field: 'Mechanical Engineering', subjects: ['Thermodynamics', 'Fluid Mechanics', 'Machine Design', 'Materials Science', 'Dynamics'] },
  { field: 'Electrical Engineering', subjects: ['Circuit Theory', 'Electronics', 'Power Systems', 'Signals and Systems', 'Control Engineering'] },
  { field: 'Accounting', subjects: ['Financial Accounting', 'Cost Accounting', 'Auditing', 'Taxation', 'Business Law'] },
  { field: 'Business Administration', subjects: ['Management', 'Marketing', 'Organisational Behaviour', 'Finance', 'Business Statistics'] },
  { field: 'Dentistry', subjects: ['Oral Anatomy', 'Prosthodontics', 'Orthodontics', 'Oral Surgery', 'Periodontology'] },
  { field: 'Agriculture', subjects: ['Agronomy', 'Soil Science', 'Plant Protection', 'Animal Husbandry', 'Irrigation'] },
  { field: 'Architecture', subjects: ['Architectural Design', 'Building Construction', 'History of Architecture', 'Urban Planning'] },
  { field: 'Chemistry', subjects: ['Organic Chemistry', 'Inorganic Chemistry', 'Analytical Chemistry', 'Physical Chemistry'] },
  { field: 'Psychology', subjects: ['Developmental Psychology', 'Social Psychology', 'Research Methods', 'Clinical Psychology'] },
  { field: 'Social Work', subjects: ['Social Policy', 'Counselling', 'Sociology', 'Community Development'] },
  { field: 'Teacher Training (Primary Education)', subjects: ['Pedagogy', 'Didactics', 'Child Development', 'Language Teaching'] },
  { field: 'Veterinary Medicine', subjects: ['Animal Anatomy', 'Veterinary Pathology', 'Parasitology', 'Animal Nutrition'] },
  { field: 'Information Technology', subjects: ['Networking', 'Web Development', 'System Administration', 'Programming'] },
  { field: 'Electrical Installation', subjects: ['Electrical Installations', 'Safety Regulations', 'Technical Drawing', 'Mathematics'] },
  { field: 'General Secondary Education', subjects: ['Mathematics', 'Physics', 'Chemistry', 'Biology', 'English', 'History', 'Geography'] },
];

export const staffRoles = [
  'director',
  'team_lead',
  'senior_evaluator',
  'evaluator',
  'front_office',
  'administrator',
] as const;
export type StaffRole = (typeof staffRoles)[number];
