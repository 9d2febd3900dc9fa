/**
 * `fanotify-codec/golden`: golden-file helpers for projects that produce or consume fanotify
 * streams: a builder of expected streams, normalization, a stream diff with hex context,
 * `compareToGolden`, and the `toMatchFanotifyGolden` matcher for vitest and jest.
 *
 * @packageDocumentation
 */
// The golden layer's own list of what it offers (its errors included) ...
export * from '../golden/index.js';
// ... and the byte and name text helpers golden files and JSON Lines are written with.
export { toHex, fromHex } from '../text/hex.js';
export { isUtf8, nameFromString, unescapeName } from '../text/names.js';
