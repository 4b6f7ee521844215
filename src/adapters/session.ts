/**
 * Session settings pinned on every connection, as pg_dump does, so that text forms of values are
 * the same whichever server or client default is in force.
 */
export const sessionSettingsSql = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 3',
  "SET TimeZone = 'UTC'",
  "SET bytea_output = 'hex'",
  'SET standard_conforming_strings = on',
  // An empty search_path makes the catalog print every name schema-qualified, as pg_dump relies on.
  "SELECT pg_catalog.set_config('search_path', '', false)",
].join(';\n');
