/**
 * Reads plain text (logs, notes, a dump of a format not known): every line a row of one column,
 * searched as free text, so a name, an e-mail address or an identifier anywhere in it is found.
 * Also the texts a binary file holds (a PDF's text, what a zip or docx contains).
 */
import type { LineBatch } from './file-lines.js';
import { type FileRowSink, fileColumn } from './file-row-sink.js';

export async function readText(
  batches: AsyncIterable<LineBatch>,
  sink: FileRowSink,
  options: { readonly file: string },
): Promise<void> {
  sink.startTable(options.file, [fileColumn('text')], 'line');
  for await (const { first, lines } of batches)
    for (let i = 0; i < lines.length; i++) if (lines[i]!.trim() !== '') sink.addRow([lines[i]!], first + i);
}

/** Texts found in a binary file, each a row (`row N`). */
export function readTexts(texts: readonly string[], sink: FileRowSink, file: string): void {
  sink.startTable(file, [fileColumn('text')], 'row');
  for (let i = 0; i < texts.length; i++) sink.addRow([texts[i]!], i + 1);
}
