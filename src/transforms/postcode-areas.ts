/**
 * Postcode areas of Dutch cities: the four-digit ranges a city's addresses mostly fall in. Fake
 * postcodes are drawn inside these ranges, so a linked `city` can name the city the fake postcode
 * belongs to and a fake address reads as one place. The ranges are approximate (a range may cross
 * into a neighbouring town); they only have to be plausible, and they identify no one.
 */

export interface PostcodeArea {
  readonly from: number;
  readonly to: number;
  readonly city: string;
}

export const postcodeAreas: readonly PostcodeArea[] = (
  [
    [1011, 1109, 'Amsterdam'],
    [1181, 1189, 'Amstelveen'],
    [1211, 1223, 'Hilversum'],
    [1311, 1365, 'Almere'],
    [1811, 1827, 'Alkmaar'],
    [2011, 2037, 'Haarlem'],
    [2311, 2334, 'Leiden'],
    [2491, 2599, 'Den Haag'],
    [2611, 2629, 'Delft'],
    [2711, 2729, 'Zoetermeer'],
    [2801, 2809, 'Gouda'],
    [3011, 3089, 'Rotterdam'],
    [3311, 3319, 'Dordrecht'],
    [3511, 3585, 'Utrecht'],
    [3811, 3829, 'Amersfoort'],
    [4331, 4339, 'Middelburg'],
    [4811, 4839, 'Breda'],
    [5011, 5049, 'Tilburg'],
    [5211, 5249, 'Den Bosch'],
    [5611, 5658, 'Eindhoven'],
    [5701, 5709, 'Helmond'],
    [5911, 5929, 'Venlo'],
    [6211, 6229, 'Maastricht'],
    [6511, 6546, 'Nijmegen'],
    [6711, 6718, 'Ede'],
    [6811, 6846, 'Arnhem'],
    [7311, 7339, 'Apeldoorn'],
    [7411, 7429, 'Deventer'],
    [7511, 7548, 'Enschede'],
    [7811, 7829, 'Emmen'],
    [8011, 8043, 'Zwolle'],
    [8211, 8245, 'Lelystad'],
    [8911, 8939, 'Leeuwarden'],
    [9401, 9409, 'Assen'],
    [9711, 9747, 'Groningen'],
  ] as const
).map(([from, to, city]) => ({ from, to, city }));

/** How many four-digit numbers the areas hold together; a keyed index in [0, this) picks one. */
export const areaNumbers = postcodeAreas.reduce((n, a) => n + a.to - a.from + 1, 0);

/** The four-digit number at `index` counting through all areas in order. */
export function areaNumberAt(index: number): number {
  let rest = index;
  for (const area of postcodeAreas) {
    const size = area.to - area.from + 1;
    if (rest < size) return area.from + rest;
    rest -= size;
  }
  throw new RangeError('index outside the postcode areas');
}

/** The city whose area holds a postcode (`3511 AB`, `3511AB`), or null. */
export function cityOfPostcode(postcode: string): string | null {
  const m = /^\s*(\d{4})/.exec(postcode);
  if (m === null) return null;
  const digits = Number(m[1]);
  return postcodeAreas.find((a) => digits >= a.from && digits <= a.to)?.city ?? null;
}
