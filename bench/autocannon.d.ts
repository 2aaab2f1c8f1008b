/** The part of autocannon 9 (no bundled types) that bench/load.ts uses. */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Request {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    /** Ours: the mix's endpoint label; autocannon passes unknown fields through. */
    label?: string;
  }

  interface Client extends EventEmitter {
    requestIterator: { currentRequest: Request; currentRequestIndex: number; requests: Request[] };
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    requests?: Request[];
    setupClient?: (client: Client) => void;
  }

  interface Result {
    requests: { total: number; average: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }

  interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance;
  export default autocannon;
  export type { Client, Instance, Options, Request, Result };
}
