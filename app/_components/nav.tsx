"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV } from "./page-meta";

/** `visible`: the paths this person may open (the others would only answer "no access"). */
export function Nav({ visible }: { visible: string[] }) {
  const pathname = usePathname();
  // The longest matching path wins, so /rightsizing/nodes marks "Node types", not "Rightsizing" too.
  const current = NAV.filter((p) => (p.path === "/" ? pathname === "/" : pathname.startsWith(p.path))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  return (
    <nav className="nav" aria-label="Main">
      {NAV.filter((page) => visible.includes(page.path)).map((page) => {
        const active = page === current;
        return (
          <Link key={page.path} href={page.path} aria-current={active ? "page" : undefined}>
            {page.title}
          </Link>
        );
      })}
    </nav>
  );
}
