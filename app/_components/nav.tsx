"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV } from "./page-meta";

export function Nav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      {NAV.map((page) => {
        const active = page.path === "/" ? pathname === "/" : pathname.startsWith(page.path);
        return (
          <Link key={page.path} href={page.path} aria-current={active ? "page" : undefined}>
            {page.title}
          </Link>
        );
      })}
    </nav>
  );
}
