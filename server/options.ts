/** The classroom server's command line: `npm run classroom -- [options]`. */
import { parseArgs } from 'node:util';

export interface ClassroomOptions {
  /** 0 lets the system choose a free port (tests). */
  port: number;
  /** The address to listen on; null listens on every interface (the room's Wi-Fi included). */
  host: string | null;
  /**
   * The host name students use (`mylaptop.local`, a name the venue's DNS gives the laptop): first
   * in the list, in the QR code and in the page's Share link, and in the generated certificate.
   */
  name: string | null;
  /** The lecturer's own certificate and key (PEM files); both or neither. */
  cert: string | null;
  key: string | null;
  /** Where the generated certificate is kept between runs. */
  certDir: string;
  help: boolean;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_CERT_DIR = '.classroom';

export const USAGE = `Serves the built app (dist/) to the room over HTTPS.

  npm run classroom -- [options]

Options:
  --port N        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS  listen on this address only (default: every network interface)
  --name HOST     the host name students use, e.g. mylaptop.local: shown first, put in the
                  QR code and in the generated certificate
  --cert FILE     your own certificate (PEM), with --key: used instead of a generated one
  --key FILE      the private key of --cert (PEM)
  --cert-dir DIR  where the generated certificate is kept between runs (default ${DEFAULT_CERT_DIR}/)
  --help          this text
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A host name or IP address as typed in a URL, without scheme, port or path. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function parseClassroomArgs(argv: readonly string[]): ClassroomOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        name: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'cert-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // node:util names the unknown option or the missing value; say so in our own terms.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const name = values.name?.trim() || null;
  if (name !== null && !HOST_NAME.test(name)) {
    throw new UsageError(`--name must be a host name such as mylaptop.local (no https://, port or path), not "${values.name}"`);
  }
  const host = values.host?.trim() || null;
  const cert = values.cert?.trim() || null;
  const key = values.key?.trim() || null;
  if ((cert === null) !== (key === null)) throw new UsageError('--cert and --key go together: give both files, or neither to use a generated certificate');
  const certDir = values['cert-dir']?.trim() || DEFAULT_CERT_DIR;
  return { port, host, name: name?.replace(/\.$/, '').toLowerCase() ?? null, cert, key, certDir, help: values.help ?? false };
}
