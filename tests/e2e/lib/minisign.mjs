// A second, independent implementation of minisign signing (prehashed Ed25519, as `minisign -S`
// writes it), so the update tests can sign files the CLI refuses to sign (malformed, invalid) and
// so the engine's verification is checked against a signer it does not share code with.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Reads an unencrypted minisign secret key file (as `backstory keygen` writes it). */
export function readSecretKey(path) {
  const line = readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('untrusted comment:'))[0];
  const raw = Buffer.from(line, 'base64');
  if (raw.length !== 158 || raw.subarray(0, 2).toString() !== 'Ed') throw new Error('not a minisign secret key');
  if (raw.readUInt16BE(2) !== 0) throw new Error('the key is encrypted');
  const keynum = raw.subarray(54, 54 + 104); // after alg(2) kdf(2) chk(2) salt(32) ops(8) mem(8)
  const keyId = keynum.subarray(0, 8);
  const seed = keynum.subarray(8, 40);
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { keyId, key };
}

/** The text of a `.minisig` file for `data` with the given trusted comment. */
export function signMinisign(secret, data, trustedComment) {
  const hash = createHash('blake2b512').update(data).digest();
  const signature = sign(null, hash, secret.key);
  const global = sign(null, Buffer.concat([signature, Buffer.from(trustedComment)]), secret.key);
  return [
    'untrusted comment: signature from the update tests',
    Buffer.concat([Buffer.from('ED'), secret.keyId, signature]).toString('base64'),
    `trusted comment: ${trustedComment}`,
    global.toString('base64'),
    '',
  ].join('\n');
}
