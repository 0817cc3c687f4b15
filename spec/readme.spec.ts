// Type-checks every TypeScript block of README.md, as a user would paste it: each block is a
// module of its own, `kube-rx/...` imports resolve to lib/, and the repository's strict options apply.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A ```ts block, with the line it starts on and the context an HTML comment before it declares. */
interface Block {
  readonly line: number;
  readonly code: string;
  readonly context: string;
}

/**
 * The ```ts blocks of a Markdown text. A block may be preceded (directly, or after a blank
 * line) by `<!-- context: ... -->`: declarations the block assumes (a `client`, a
 * `reconcile` function), invisible on the rendered page and prepended when checking.
 */
export function typescriptBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```ts') continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && lines[i]?.trim() !== '```'; i++) body.push(lines[i] ?? '');
    let context = '';
    let j = start - 1;
    while (j >= 0 && lines[j]?.trim() === '') j--;
    if (lines[j]?.trim().endsWith('-->')) {
      const end = j;
      while (j >= 0 && !lines[j]?.includes('<!--')) j--;
      const comment = lines.slice(j, end + 1).join('\n');
      const match = /<!--\s*context:([\s\S]*?)-->/.exec(comment);
      if (match !== null) context = match[1] ?? '';
    }
    blocks.push({ line: start + 1, code: body.join('\n'), context });
  }
  return blocks;
}

describe('README.md', function () {
  this.timeout(120_000);
  const blocks = typescriptBlocks(readFileSync(join(root, 'README.md'), 'utf8'));

  it('should have TypeScript blocks to check', () => {
    expect(blocks.length).to.be.greaterThan(3);
  });

  it('should compile every TypeScript block as written (strict, with kube-rx/* mapped to lib/)', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (parsed === undefined) throw new Error('cannot read tsconfig.json');
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      // A README block may declare something it does not use again (`const results$ = ...`).
      noUnusedLocals: false,
      noUnusedParameters: false,
      baseUrl: root,
      paths: { 'kube-rx': ['lib/index.ts'], 'kube-rx/*': ['lib/*/index.ts'] },
    };
    const files = new Map(blocks.map((block, index) => [join(root, 'spec', `.readme-block-${index}.ts`), block] as const));
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const sourceOf = (block: Block): string => `${block.context}\n${block.code}\nexport {};\n`;
    host.readFile = (file) => {
      const block = files.get(file);
      return block === undefined ? readFile(file) : sourceOf(block);
    };
    host.fileExists = (file) => files.has(file) || fileExists(file);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
      const block = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
      if (block === undefined || diagnostic.file === undefined || diagnostic.start === undefined) return [];
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const contextLines = block.context.split('\n').length;
      const where = line < contextLines ? `the context comment of the block at line ${block.line}` : `README.md:${block.line + line - contextLines + 1}`;
      return [`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`];
    });
    expect(problems).to.deep.equal([]);
  });
});
