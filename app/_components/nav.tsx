"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV } from "./page-meta";

/** `visible`: the paths this person may open (the others would only answer "no access"). */
export function Nav({ visible }: { visible: string[] }) {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      {NAV.filter((page) => visible.includes(page.path)).map((page) => {
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
