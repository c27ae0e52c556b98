// A container's keys, in a module without the database, so the client row can build them too.
import type { ContainerKey } from "./read";

/** One string per container, for maps: the five parts of its identity as a JSON array. */
export function toRowKey(k: ContainerKey): string {
  return JSON.stringify([k.cluster, k.namespace, k.workloadKind, k.workload, k.container]);
}

/**
 * A container as a form value (a row's checkbox and its Accept button): the five parts URI-encoded and joined
 * by "/", so no part can split another. Shorter than the JSON key in HTML, where each of its quotes is `&quot;`.
 */
export function toFormKey(k: ContainerKey): string {
  return [k.cluster, k.namespace, k.workloadKind, k.workload, k.container].map(encodeURIComponent).join("/");
}

/** The container a form value names; null when it is not five parts. */
export function parseFormKey(value: string): ContainerKey | null {
  const parts = value.split("/");
  if (parts.length !== 5) return null;
  try {
    const [cluster, namespace, workloadKind, workload, container] = parts.map(decodeURIComponent) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { cluster, namespace, workloadKind, workload, container };
  } catch {
    return null;
  }
}
