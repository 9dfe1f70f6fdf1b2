// Shared bits of the digest send tests: a config object and transport wrappers that fail on purpose.
import type { DigestConfig } from '../../../src/digest/config.ts';
import type { DigestTransport } from '../../../src/digest/transport.ts';

/** A digest config for tests: Berlin weeks, the given recipients, opted-in users off unless asked. */
export function testConfig(recipients: string[], over: Partial<DigestConfig> = {}): DigestConfig {
  return {
    timeZone: 'Europe/Berlin',
    schedule: { weekday: 1, hour: 8 },
    from: 'Hiring Radar <radar@radar.test>',
    recipients: recipients.map((email) => ({ email, name: null })),
    optedInUsers: false,
    emptyWeek: 'note',
    reviewUrl: null,
    ...over,
  };
}

/** Wraps a transport so that the calls `fails` picks (1-based) throw `makeError()`, before or after really delivering. */
export function failing(inner: DigestTransport, fails: (call: number) => boolean, makeError: () => Error, when: 'before' | 'after'): DigestTransport & { calls: number } {
  const wrapped = {
    ...inner,
    calls: 0,
    async send(mail: Parameters<DigestTransport['send']>[0]) {
      wrapped.calls += 1;
      if (!fails(wrapped.calls)) return inner.send(mail);
      if (when === 'before') throw makeError();
      await inner.send(mail);
      throw makeError();
    },
  };
  return wrapped;
}

/** An error shaped like nodemailer's for a refused connection (fields as nodemailer 10 sets them). */
export function connectError(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET', command: 'CONN', syscall: 'connect', originalCode: 'ECONNREFUSED', errno: -111 });
}
