import { cssVars } from "./css-vars";

/** A colour key next to a label; the colour comes from the data (a department's colour), so it is a CSS variable. */
export function Swatch({ color, className = "swatch" }: { color: string | undefined; className?: string }) {
  return <i className={className} style={cssVars({ "--swatch": color })} aria-hidden />;
}
