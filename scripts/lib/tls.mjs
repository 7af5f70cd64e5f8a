// A throwaway self-signed certificate for the test bed's HTTPS server, made by openssl at test
// time (no key is ever committed). The test browsers accept it because they are told to accept any
// certificate (Chromium --ignore-certificate-errors, Firefox acceptInsecureCerts), never installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// hosts: the names the certificate covers (subjectAltName), so the certificate is at least right
// about whom it names even though no browser can verify it. Returns {key, cert} in PEM.
export function selfSignedCert(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-tls-'));
  try {
    const key = join(dir, 'key.pem'), cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '2', '-subj', '/CN=backstory test bed', '-keyout', key, '-out', cert,
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('openssl not found: the test bed needs it to make its certificate (apt-get install openssl)', { cause: e });
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
