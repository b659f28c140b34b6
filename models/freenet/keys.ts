/**
 * Freenet keys: location-independent names made by hashing (Clarke, Sandberg, Wiley, Hong 2001,
 * section 2.1), with `node:crypto`:
 * - a **content-hash key** (CHK, spec `chk:<data>`) hashes the data itself, so any node can check
 *   a reply against the key;
 * - a **keyword-signed key** (KSK, spec `ksk:<description>`): the description deterministically
 *   seeds an Ed25519 key pair; the key hashes the public key and the data is signed with the private
 *   key, so a node that does not know the description cannot forge data under it;
 * - a **signed-subspace key** (SSK, spec `ssk:<owner>/<name>`): the owner's key pair makes a
 *   protected name space; the key hashes the public key's hash with the name's hash, and only the
 *   owner can sign data under it.
 * A key is its kind's letter (`c`, `k`, `s`) and 24 bits of hash, so that closeness is a numeric
 * distance. Signed data travels with its proof: `<public key>.<name hash>.<signature>` (base64url).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const short = (text: string): string => sha(text).slice(0, 6);

/** PKCS#8 and SPKI prefixes of a raw Ed25519 key (RFC 8410), so a seed makes a key pair. */
const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');

const pairs = new Map<string, { priv: KeyObject; pub: string }>();

/** The key pair a secret seeds: the private key and the raw public key (base64url). Memoized. */
function keyPair(secret: string): { priv: KeyObject; pub: string } {
  const known = pairs.get(secret);
  if (known !== undefined) return known;
  const pair = derive(secret);
  pairs.set(secret, pair);
  return pair;
}

function derive(secret: string): { priv: KeyObject; pub: string } {
  const seed = createHash('sha256').update(secret).digest();
  const priv = createPrivateKey({
    key: Buffer.concat([PKCS8, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return { priv, pub: spki.subarray(SPKI.length).toString('base64url') };
}

/** Where a signed key's name comes from: its public key and the hash of its name. */
function signedParts(spec: string): { secret: string; nameHash: string; letter: 'k' | 's' } {
  if (spec.startsWith('ksk:')) return { secret: spec, nameHash: '', letter: 'k' };
  const [owner, name] = spec.slice(4).split('/') as [string, string];
  return { secret: `owner:${owner}`, nameHash: short(`name:${name}`), letter: 's' };
}

const signedKey = (letter: string, pub: string, nameHash: string): string =>
  `${letter}${short(letter === 'k' ? pub : `${short(pub)}${nameHash}`)}`;

/** The key a key spec names (`chk:<data>`, `ksk:<description>` or `ssk:<owner>/<name>`). */
export function keyOf(spec: string): string {
  if (spec.startsWith('chk:')) return `c${short(spec.slice(4))}`;
  const { secret, nameHash, letter } = signedParts(spec);
  return signedKey(letter, keyPair(secret).pub, nameHash);
}

/**
 * The proof a client attaches to `data` inserted under the key `spec` names: empty for a CHK, else
 * the signature with the private key of `signer` (`ksk:<description>` or `owner:<name>`; default:
 * the spec's own, i.e. the rightful signer). A different signer makes a forgery.
 */
export function proofOf(spec: string, data: string, signer?: string): string {
  if (spec.startsWith('chk:')) return '';
  const { secret, nameHash } = signedParts(spec);
  const { priv, pub } = keyPair(signer ?? secret);
  const signature = sign(null, Buffer.from(`${keyOf(spec)}:${data}`), priv).toString('base64url');
  return `${pub}.${nameHash}.${signature}`;
}

const verified = new Map<string, boolean>();

/** The last content-hash check (a reply is checked at every hop of its path, one after another). */
let lastChk = { key: '', data: '', ok: false };

function chkVerifies(key: string, data: string): boolean {
  if (key !== lastChk.key || data !== lastChk.data) {
    lastChk = { key, data, ok: key === `c${short(data)}` };
  }
  return lastChk.ok;
}

/**
 * Whether `data` with `proof` can be what `key` names: a CHK's data hashes to it; a KSK's or
 * SSK's proof names a public key that hashes (with the name hash) to the key and signs the data.
 * Memoized (the answer is a pure function of its arguments; a signature check costs ~0.1 ms).
 */
export function verifies(key: string, data: string, proof: string): boolean {
  if (key.startsWith('c')) return chkVerifies(key, data);
  const memo = `${key}\u0000${data}\u0000${proof}`;
  const known = verified.get(memo);
  if (known !== undefined) return known;
  let ok = false;
  const [pub, nameHash, signature] = proof.split('.');
  if (pub !== undefined && nameHash !== undefined && signature !== undefined) {
    if (signedKey(key[0]!, pub, nameHash) === key) {
      try {
        const spki = Buffer.concat([SPKI, Buffer.from(pub, 'base64url')]);
        const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
        ok = verify(
          null,
          Buffer.from(`${key}:${data}`),
          publicKey,
          Buffer.from(signature, 'base64url'),
        );
      } catch {
        ok = false; // not a public key at all
      }
    }
  }
  verified.set(memo, ok);
  return ok;
}

/** A node's location key (what its neighbours route towards before they learn anything). */
export function locationOf(node: number): string {
  return short(`node:${node}`);
}

/** A key's position on the 24-bit line (its last six hex digits). */
export function positionOf(key: string): number {
  return parseInt(key.slice(-6), 16);
}

/** Closeness of two keys: the numeric distance of their positions. */
export function distance(a: string, b: string): number {
  return Math.abs(positionOf(a) - positionOf(b));
}
