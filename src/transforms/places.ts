/**
 * Dutch place data for fake addresses. Names of cities and street-name stems identify no one; they
 * only make test data look like Dutch data.
 */
import { localeNames } from './names.js';
import { LengthIndexedList } from './text.js';

export const dutchCities = new LengthIndexedList(
  (
    'Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven, Groningen, Tilburg, Almere, Breda, ' +
    'Nijmegen, Apeldoorn, Haarlem, Arnhem, Enschede, Amersfoort, Zaanstad, Den Bosch, ' +
    'Haarlemmermeer, Zwolle, Zoetermeer, Leiden, Maastricht, Dordrecht, Ede, ' +
    'Alphen aan den Rijn, Leeuwarden, Alkmaar, Emmen, Westland, Delft, Venlo, Deventer, Sittard, ' +
    'Helmond, Oss, Amstelveen, Hilversum, Súdwest-Fryslân, Heerlen, Nissewaard, Hengelo, ' +
    'Purmerend, Schiedam, Lelystad, Roosendaal, Leidschendam, Gouda, Hoorn, Vlaardingen, Almelo, ' +
    'Spijkenisse, Assen, Veenendaal, Capelle aan den IJssel, Katwijk, Zeist, Nieuwegein, Velsen, ' +
    'Roermond, Doetinchem, Den Helder, Hoogeveen, Terneuzen, Middelburg, Harderwijk, Barneveld, ' +
    'Heerhugowaard, Kampen, Woerden, Weert, Bergen op Zoom, Vlissingen, Zutphen, Tiel, ' +
    'Culemborg, Wageningen, Meppel, Drachten, Sneek, Heerenveen, Harlingen, Franeker, Dokkum, ' +
    'Winschoten, Veendam, Stadskanaal, Hoogezand, Coevorden, Hardenberg, Ommen, Raalte, ' +
    'Oldenzaal, Winterswijk, Zevenaar, Elst, Wijchen, Boxmeer, Uden, Veghel, Oisterwijk, ' +
    'Waalwijk, Oosterhout, Etten-Leur, Goes, Zierikzee, Hulst, Oostburg, Gorinchem, Leerdam, ' +
    'Vianen, Houten, IJsselstein, Bunnik, Baarn, Soest, Bussum, Naarden, Huizen, Weesp, Diemen, ' +
    'Zaandam, Edam, Volendam, Enkhuizen, Medemblik, Schagen, Heiloo, Castricum, Beverwijk, ' +
    'Heemskerk, Zandvoort, Hillegom, Lisse, Noordwijk, Oegstgeest, Voorschoten, Wassenaar, ' +
    'Rijswijk, Pijnacker, Maassluis, Ridderkerk, Barendrecht, Zwijndrecht, Papendrecht, ' +
    'Sliedrecht, Kerkrade, Brunssum, Geleen, Stein, Valkenburg, Venray, Horst, Panningen, ' +
    'Nuenen, Best, Veldhoven, Waalre, Valkenswaard, Geldrop, Deurne, Boxtel, Vught, Schijndel'
  ).split(', '),
);

export const streetStems = (
  'Kerk, School, Molen, Dorps, Station, Markt, Haven, Beuken, Eiken, Linden, Berken, Wilgen, ' +
  'Populieren, Esdoorn, Kastanje, Acacia, Merel, Lijster, Spreeuw, Zwaluw, Roodborst, Vink, ' +
  'Meeuwen, Reiger, Tulpen, Rozen, Lelie, Narcissen, Hyacinten, Jasmijn, Seringen, Klaver, ' +
  'Heide, Duin, Polder, Dijk, Veld, Akker, Weide, Beek, Bron, Zon, Maan, Sterren, Regenboog, ' +
  'Prins Hendrik, Koningin Wilhelmina, Juliana, Beatrix, Oranje, Nassau, Rembrandt, Vermeer, ' +
  'Mondriaan, Erasmus, Spinoza, Huygens, Vondel, Multatuli, Thorbecke, Willem, Lorentz'
).split(', ');

export const streetSuffixes = [
  'straat',
  'laan',
  'weg',
  'plein',
  'hof',
  'singel',
  'kade',
  'gracht',
  'dreef',
  'pad',
];

function streetNames(): string[] {
  const names: string[] = [];
  for (const stem of streetStems) {
    for (const suffix of streetSuffixes) {
      // Dutch writes the suffix joined: 'Kerkstraat', 'Prins Hendriklaan'.
      names.push(stem + suffix);
    }
  }
  // Dutch streets are often named after people: '{last name}straat', as faker's nl locale does.
  for (const last of localeNames('nl', 'last')) {
    if (/^[A-Z][a-z]+$/.test(last))
      for (const suffix of streetSuffixes.slice(0, 3)) names.push(last + suffix);
  }
  return names;
}

export const dutchStreets = new LengthIndexedList(streetNames());
