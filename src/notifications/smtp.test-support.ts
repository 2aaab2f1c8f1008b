import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server in the test process, on a random loopback port: it keeps every letter it accepts
 * (envelope, raw text and our outbox id from the X-Marshrut-Outbox-Id header) and can refuse the
 * next recipients with a temporary error, so a test sees a retry.
 */
export interface ReceivedLetter {
  to: string[];
  outboxId: string | null;
  raw: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedLetter[];
  /** Refuse the next `n` recipients with 451 (try again later). */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedLetter[] = [];
  let refusing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing > 0) {
        refusing--;
        const err = Object.assign(new Error('Сервер временно недоступен'), { responseCode: 451 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          outboxId: /^X-Marshrut-Outbox-Id:\s*(\S+)/im.exec(raw)?.[1] ?? null,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(n) {
      refusing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
