import { describe, expect, it } from 'vitest';
import { DEFAULT_CERT_DIR, DEFAULT_PORT, parseClassroomArgs, UsageError } from './options';

describe('parseClassroomArgs', () => {
  it('defaults to port 8080 on every interface with a generated certificate', () => {
    expect(parseClassroomArgs([])).toEqual({ port: DEFAULT_PORT, host: null, name: null, cert: null, key: null, certDir: DEFAULT_CERT_DIR, help: false });
    expect(DEFAULT_PORT).toBe(8080);
  });

  it('reads every option', () => {
    expect(parseClassroomArgs(['--port', '0', '--host', '127.0.0.1', '--name', 'Classroom.Test.', '--cert', 'c.pem', '--key', 'k.pem', '--cert-dir', '/tmp/x'])).toEqual({
      port: 0,
      host: '127.0.0.1',
      name: 'classroom.test',
      cert: 'c.pem',
      key: 'k.pem',
      certDir: '/tmp/x',
      help: false,
    });
    expect(parseClassroomArgs(['--port=8443']).port).toBe(8443);
    expect(parseClassroomArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', 'http'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--port', '80.5'], /--port must be a whole number/],
    [['--port', ' '], /--port must be a whole number/],
    [['--name', 'https://laptop.local'], /--name must be a host name/],
    [['--name', 'laptop.local:8080'], /--name must be a host name/],
    [['--cert', 'c.pem'], /--cert and --key go together/],
    [['--key', 'k.pem'], /--cert and --key go together/],
    [['--bogus'], /bogus/],
    [['--port'], /port/],
    [['extra'], /extra/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseClassroomArgs(argv)).toThrow(UsageError);
    expect(() => parseClassroomArgs(argv)).toThrow(message);
  });
});
