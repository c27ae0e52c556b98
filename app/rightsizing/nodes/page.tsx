import { PageHeader } from "@/app/_components/page-header";
import { PAGES, toMetadata, type SearchParamsProps } from "@/app/_components/page-meta";
import { BadLinkPage, NoDataPage } from "@/app/_components/page-state";
import { SegmentedLinks } from "@/app/_components/segmented-links";
import { getNow } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { readAs } from "@/app/_components/access";
import { toDay } from "@/lib/dates";
import { nodesParamsSchema, type NodesParams } from "@/lib/nodes/params";
import { getNodesPage } from "@/lib/pages/nodes";
import { parseSearchParams } from "@/lib/search-params";
import { ClusterFitPanel } from "./cluster-fits";
import { RankingTable } from "./ranking-table";

const META = PAGES.nodes;
export const metadata = toMetadata(META);
export const dynamic = "force-dynamic";

function hrefOf(p: NodesParams, change: Partial<Record<keyof NodesParams, string | undefined>>) {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...p, ...change })) if (v !== undefined) merged[k] = String(v);
  return `/rightsizing/nodes?${new URLSearchParams(merged).toString()}`;
}

function choice(p: NodesParams, key: "category" | "arch" | "burstable", options: [string | undefined, string][]) {
  return options.map(([value, label]) => ({ label, href: hrefOf(p, { [key]: value }), isCurrent: p[key] === value }));
}

export default async function NodesPage({ searchParams }: SearchParamsProps) {
  const parsed = parseSearchParams(nodesParamsSchema, await searchParams);
  if (!parsed.ok)
    return <BadLinkPage meta={META} problems={parsed.problems} reset={{ href: META.path, label: "Node types" }} />;
  const p = parsed.value;
  const db = await getDb();
  const page = await readAs(META.path, (access) => getNodesPage(db, access, p));
  if (!page.hasUsage) return <NoDataPage meta={META} />;
  const today = toDay(getNow());
  return (
    <>
      <PageHeader
        title={META.title}
        description={`${META.description} Prices: ${page.prices.source}, ${page.prices.retrievedOn}. Packing overhead ${p.overhead}%, system reserve per node by the kube-reserved tiers.`}
        actions={
          <a className="button secondary" href="/api/export/nodes">
            Download CSV
          </a>
        }
      />
      <div className="controls">
        <SegmentedLinks
          label="Candidates"
          links={[
            {
              label: "Same architecture",
              href: hrefOf(p, { candidates: "same-arch" }),
              isCurrent: p.candidates === "same-arch",
            },
            {
              label: "x86 and Graviton",
              href: hrefOf(p, { candidates: "any-arch" }),
              isCurrent: p.candidates === "any-arch",
            },
          ]}
        />
        <SegmentedLinks
          label="Packing overhead"
          links={[0, 10, 15, 25].map((o) => ({
            label: `${o}%`,
            href: hrefOf(p, { overhead: String(o) }),
            isCurrent: p.overhead === o,
          }))}
        />
      </div>
      {page.clusters.map((fit) => (
        <ClusterFitPanel key={fit.cluster} fit={fit} today={today} />
      ))}
      <section className="panel" aria-label="Node types">
        <h2>Node types by unit price</h2>
        <div className="controls">
          <SegmentedLinks
            label="Kind"
            links={choice(p, "category", [
              [undefined, "All"],
              ["general", "General"],
              ["compute", "Compute"],
              ["memory", "Memory"],
            ])}
          />
          <SegmentedLinks
            label="Architecture"
            links={choice(p, "arch", [
              [undefined, "All"],
              ["x86_64", "x86"],
              ["arm64", "Graviton"],
            ])}
          />
          <SegmentedLinks
            label="Burstable"
            links={choice(p, "burstable", [
              [undefined, "All"],
              ["yes", "Yes"],
              ["no", "No"],
            ])}
          />
          <SegmentedLinks
            label="Sort by"
            links={(
              [
                ["gib", "$ / GiB-hour"],
                ["vcpu", "$ / vCPU-hour"],
                ["hourly", "$ / hour"],
              ] as const
            ).map(([sort, label]) => ({ label, href: hrefOf(p, { sort }), isCurrent: p.sort === sort }))}
          />
        </div>
        <RankingTable rows={page.ranking} />
      </section>
    </>
  );
}
