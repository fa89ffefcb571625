// Where a command writes: results to stdout, progress and problems to stderr. Tests pass their own.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current stderr line (progress bars); only when stderr is a terminal. */
  status?(line: string): void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...(process.stderr.isTTY ? { status: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};
