#!/usr/bin/env node
// The `kube-rx` command: `kube-rx serve` starts the embedded API server.
import { isCliError } from './cli-error.js';
import { SERVE_USAGE, serveCommand } from './serve-command.js';

const USAGE = `Usage: kube-rx <command> [flags]

Commands:
  serve    start an in-memory Kubernetes API server and write a kubeconfig for it

${SERVE_USAGE}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'serve') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(SERVE_USAGE);
      return 0;
    }
    return serveCommand(rest, {
      write: (text) => process.stdout.write(text),
      once: (signal, listener) => process.once(signal, listener),
      off: (signal, listener) => process.off(signal, listener),
    });
  }
  process.stderr.write(`kube-rx: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`kube-rx: ${isCliError(error) || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(isCliError(error) ? 2 : 1);
  },
);
