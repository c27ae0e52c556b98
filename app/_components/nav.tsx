"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/spend", label: "Spend" },
  { href: "/tags", label: "Tags" },
  { href: "/rightsizing", label: "Rightsizing" },
  { href: "/savings", label: "Savings" },
  { href: "/slides", label: "Slides" },
  { href: "/sync", label: "Sync" },
  { href: "/settings", label: "Settings" },
];

export function Nav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((l) => {
        const active = l.href === "/" ? pathname === "/" : pathname.startsWith(l.href);
        return (
          <Link key={l.href} href={l.href} aria-current={active ? "page" : undefined}>
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
