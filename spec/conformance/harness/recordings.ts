// The committed recordings of the real server's answers: one normalised transcript per case.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseSlug } from './case-context.js';
import type { Transcript } from './exchange.js';

/** Where the recordings live. */
export const RECORDINGS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'recordings');

/** How to refresh them. */
export const RERECORD = 'npm run conformance:record';

function fileOf(caseName: string): string {
  return join(RECORDINGS_DIR, `${caseSlug(caseName).slice(2)}.json`);
}

/** The recorded transcript of a case, or undefined when there is none. */
export function readRecording(caseName: string): Transcript | undefined {
  const file = fileOf(caseName);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Transcript;
}

/** Writes a case's normalised transcript. */
export async function writeRecording(transcript: Transcript): Promise<void> {
  const file = fileOf(transcript.case);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(transcript, null, 1)}\n`);
}

/** Removes recordings of cases that are no longer in the corpus. */
export async function pruneRecordings(caseNames: readonly string[]): Promise<string[]> {
  if (!existsSync(RECORDINGS_DIR)) return [];
  const keep = new Set(caseNames.map((n) => `${caseSlug(n).slice(2)}.json`));
  const removed: string[] = [];
  for (const file of readdirSync(RECORDINGS_DIR)) {
    if (file.endsWith('.json') && !keep.has(file)) {
      await rm(join(RECORDINGS_DIR, file));
      removed.push(file);
    }
  }
  return removed;
}
