import type { CSSProperties } from "react";

/**
 * The one kind of inline style the app writes: CSS custom properties for values known only when the page renders
 * (a colour from the data, a share drawn as a width, the deck's scale). The stylesheet does the styling with
 * `var(--name)`; everything else lives in app/globals.css or a CSS module.
 */
export function cssVars(vars: Record<`--${string}`, string | number | undefined>): CSSProperties {
  return vars as CSSProperties;
}

/** A share (0–1) as a CSS width, clamped to the bar. */
export function toPercent(share: number): string {
  return `${Math.max(0, Math.min(100, share * 100))}%`;
}
