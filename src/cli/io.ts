/**
 * Where a command writes. `out` is for results; `info` is for progress and remarks, and goes to
 * stderr when stdout carries data (an export piped into a file), so the data stays clean.
 */
export interface CliIo {
  out(text: string): void;
  info(text: string): void;
  err(text: string): void;
  /** Raw bytes to stdout, resolved once they are flushed. */
  writeData(data: Uint8Array): Promise<void>;
}

export function consoleIo(opts: { dataOnStdout?: boolean } = {}): CliIo {
  const line = (stream: NodeJS.WriteStream) => (text: string) => {
    stream.write(`${text}\n`);
  };
  return {
    out: line(process.stdout),
    info: line(opts.dataOnStdout ? process.stderr : process.stdout),
    err: line(process.stderr),
    writeData: (data) =>
      new Promise((resolve, reject) => process.stdout.write(data, (e) => (e ? reject(e) : resolve()))),
  };
}
