import { test } from 'vitest';
import { nameDictionary } from '../transforms/names.js';
import { maskValue } from './mask.js';
import {
  dateKey,
  datesIn,
  foldText,
  houseNumberKey,
  houseNumbersIn,
  valueForms,
  wordsOf,
} from './normalize.js';
import { identifierShaped } from './personal-columns.js';
import { byteaText, jsonTexts, textsIn } from './value-texts.js';

test('explore', () => {
  for (const v of [
    '06-12345678',
    '06 1234 5678',
    '+31 6 12345678',
    '+31612345678',
    '123456782',
    '1234.56.782',
    '12345678',
    'NL91 ABNA 0417 1643 00',
    'nl91abna0417164300',
    '  ',
    'Jan@Example.nl',
  ])
    console.log(v, JSON.stringify(valueForms(v)));
  console.log(
    houseNumberKey('12-3'),
    houseNumberKey('123'),
    houseNumberKey('12 A'),
    houseNumberKey('12345678'),
  );
  console.log(dateKey('1990-13-45'), dateKey('31-02-1990'), dateKey('17/5/1990'));
  console.log(JSON.stringify(wordsOf("jan Fatima فاطمة O'Brien x Émile")));
  console.log(
    houseNumbersIn('Kerkstraat 12a, 1234 AB Utrecht, 3 april'),
    datesIn('geboren 17-05-1990 en 1990-05-17, 32-01-1990'),
  );
  console.log(foldText('  ＡＢＣ  Ünïcödé\t\n x ﬁ '));
  console.log(maskValue('123456782'), maskValue('abc'), maskValue('x'.repeat(30)), maskValue(''));
  console.log(JSON.stringify(textsIn('{{a,NULL},{"b c","NULL"}}', { category: 'text', isArray: true })));
  console.log(JSON.stringify(jsonTexts('{"jan@x.nl": 1}')));
  console.log(byteaText('\\x' + Buffer.from('héllo').toString('hex')), byteaText('\\xc328'));
  for (const v of ['€ 12,50', 'EUR 1.250,00', '10:30:00', '12,5 %', '04-03-2021 12:00', '1990-13-45'])
    console.log(v, identifierShaped(v));
  for (const n of [
    'jan',
    'jansen',
    'fatima',
    'yilmaz',
    'piet',
    'vries',
    'bakker',
    'mohammed',
    'sanne',
    'visser',
    'zwartkruis',
    'wubbolts',
  ])
    console.log(n, nameDictionary.get(n));
  const deep = '['.repeat(10000) + '"x"' + ']'.repeat(10000);
  console.log(JSON.stringify(jsonTexts(deep)));
  try {
    const big = '{"{' + Array.from({ length: 300000 }, (_, i) => 'a' + i).join(',') + '}"}';
    console.log(textsIn(big, { category: 'text', isArray: true }).length);
  } catch (e) {
    console.log('big array', String(e));
  }
  try {
    const inner = JSON.stringify(Array.from({ length: 300000 }, (_, i) => 'a' + i)).replace(/"/g, '\\"');
    console.log(textsIn(`{"${inner}"}`, { category: 'json', isArray: true }).length);
  } catch (e) {
    console.log('json array', String(e));
  }
  try {
    const nested = '{{' + Array.from({ length: 300000 }, (_, i) => 'a' + i).join(',') + '}}';
    console.log(textsIn(nested, { category: 'text', isArray: true }).length);
  } catch (e) {
    console.log('nested array', String(e));
  }
});
