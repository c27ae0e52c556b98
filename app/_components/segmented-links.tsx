import Link from "next/link";

export type SegmentedLink = { label: string; href: string; isCurrent: boolean; title?: string };

/** A switch made of links (metric, granularity): works without JavaScript and with the keyboard. */
export function SegmentedLinks({ label, links }: { label: string; links: SegmentedLink[] }) {
  return (
    <div className="control-group">
      <span id={`seg-${label}`}>{label}</span>
      <nav className="segmented" aria-labelledby={`seg-${label}`}>
        {links.map((l) => (
          <Link
            key={l.label}
            href={l.href}
            aria-current={l.isCurrent ? "true" : undefined}
            title={l.title}
            scroll={false}
          >
            {l.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
