/**
 * The values of the `yaml` library the fact modules use, loaded on first use (src/core/lazy-require.ts):
 * the type guards are called only on nodes the library made, so they never load it themselves
 * before a file was parsed. Types come from 'yaml' itself (`import type`).
 */
import type * as Yaml from 'yaml';
import type { Alias, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { lazyRequire } from '../core/lazy-require.js';

export const yamlLib = lazyRequire<typeof Yaml>('yaml');

export function isMap<K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> {
  return yamlLib().isMap(node);
}
export function isSeq<T = unknown>(node: unknown): node is YAMLSeq<T> {
  return yamlLib().isSeq(node);
}
export function isScalar<T = unknown>(node: unknown): node is Scalar<T> {
  return yamlLib().isScalar(node);
}
export function isPair<K = unknown, V = unknown>(node: unknown): node is Pair<K, V> {
  return yamlLib().isPair(node);
}
export function isAlias(node: unknown): node is Alias {
  return yamlLib().isAlias(node);
}
export function isCollection<K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> | YAMLSeq<V> {
  return yamlLib().isCollection(node);
}
