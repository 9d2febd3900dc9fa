/**
 * binary-parser 2.3.0 ships types, but its package.json `exports` has no `types` condition, so
 * NodeNext resolution cannot see them; this points the bare import at the shipped declarations.
 */
declare module 'binary-parser' {
  export { Parser } from 'binary-parser/dist/binary_parser.js';
}
