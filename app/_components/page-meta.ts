// What each page is called and what it is for, written once: the page's header, its loading and error states,
// its "no data yet" state, the browser tab (metadata) and the navigation all read it from here.
import type { Metadata } from "next";

/** The props of a page that reads its URL: Next hands the search parameters over as they came. */
export type SearchParamsProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export type PageMeta = {
  /** The section's own address: where the navigation, a bad link and an error page lead back to. */
  path: string;
  title: string;
  description: string;
  /** What the page shows once a sync has filled the database (the "no data yet" state). */
  noData?: { title?: string; text: string };
};

export const PAGES = {
  overview: {
    path: "/",
    title: "Overview",
    description: "Where the AWS money goes: this month, the trend by department, and what moved.",
    noData: {
      text: "Costwise reads AWS Cost Explorer into its database, then every page reads from there. Run a sync to fill it.",
    },
  },
  spend: {
    path: "/spend",
    title: "Spend",
    description:
      "AWS spend by department, project, environment, service and linked account, exact to the cent. Click a row to drill down.",
    noData: {
      text: "Once a sync has read AWS Cost Explorer, this page groups spend by department, project, environment, service and linked account.",
    },
  },
  categories: {
    path: "/spend/categories",
    title: "Customer-serving vs R&D",
    description:
      "Spend that serves customers (production) against research and development (everything else), by department and month.",
    noData: { text: "Once a sync has read AWS Cost Explorer, this page splits spend by category." },
  },
  tags: {
    path: "/tags",
    title: "Tags",
    description:
      "How much spend is untagged or tagged outside the allowed lists, where it comes from, and how to fix it.",
    noData: {
      title: "No tag data yet — run a sync",
      text: "Tag compliance in dollars appears here after the first Cost Explorer sync.",
    },
  },
  rightsizing: {
    path: "/rightsizing",
    title: "Rightsizing",
    description: "Current versus recommended Kubernetes requests, per team, with the dollars behind each row.",
    noData: {
      title: "No usage data yet — run a sync",
      text: "Once Datadog usage has been synced, every team gets a table of its current requests next to what they should be.",
    },
  },
  team: {
    path: "/rightsizing",
    title: "Team",
    description: "Current requests next to what they should be, one row per container.",
  },
  commitments: {
    path: "/commitments",
    title: "Commitments",
    description:
      "Savings Plans against Reserved Instances for the same term and payment, what is covered and used, and what ends soon.",
    noData: {
      title: "No commitment data yet — run a sync",
      text: "Once a sync has read Cost Explorer's Savings Plans and Reserved Instance data (refreshed weekly), this page compares them.",
    },
  },
  nodes: {
    path: "/rightsizing/nodes",
    title: "Node types",
    description:
      "Price per vCPU-hour and GiB-hour of each instance type, and per cluster the cheapest nodes for the requests it should have.",
    noData: {
      title: "No usage data yet — run a sync",
      text: "Once Datadog usage has been synced, each cluster's recommended requests are fitted onto every node type.",
    },
  },
  savings: {
    path: "/savings",
    title: "Savings",
    description:
      "What each change really saved, measured on the bill: the scope's average monthly spend before against after, × 12.",
  },
  opportunities: {
    path: "/opportunities",
    title: "Opportunities",
    description:
      "Storage savings found in the bill, per project: S3 Standard data that could move to Glacier Instant Retrieval, and RDS backups kept longer than needed.",
    noData: {
      title: "No usage types yet — run a sync",
      text: "Opportunities are priced from S3 and RDS usage types, which the Cost Explorer sync reads with the spend.",
    },
  },
  slides: {
    path: "/slides",
    title: "Slides",
    description: "The all-hands deck, built from the data.",
  },
  audit: {
    path: "/settings/audit",
    title: "Audit log",
    description: "Who changed what and when, who signed in, and what was refused. Newest first; times in UTC.",
  },
  sync: {
    path: "/sync",
    title: "Sync",
    description: "Costwise reads AWS Cost Explorer and Datadog into its database; every page reads from there.",
  },
  settings: {
    path: "/settings",
    title: "Settings",
    description: "Rules, allowed tag values, prices and mappings are edited here and apply to every page at once.",
  },
  forbidden: {
    path: "/",
    title: "No access",
    description: "You are signed in, but your role does not include this page.",
  },
  unauthorized: {
    path: "/",
    title: "Not signed in",
    description: "Costwise shows company spend only to people who are signed in.",
  },
  notFound: {
    path: "/",
    title: "Page not found",
    description: "There is no page at this address.",
  },
  error: {
    path: "/",
    title: "Something went wrong",
    description: "Costwise could not show this page.",
  },
} as const satisfies Record<string, PageMeta>;

/** The main navigation, in order. */
export const NAV: readonly PageMeta[] = [
  PAGES.overview,
  PAGES.spend,
  PAGES.tags,
  PAGES.rightsizing,
  PAGES.opportunities,
  PAGES.nodes,
  PAGES.commitments,
  PAGES.savings,
  PAGES.slides,
  PAGES.sync,
  PAGES.settings,
];

/** The browser tab and the description search engines and link previews show. */
export function toMetadata(meta: PageMeta): Metadata {
  // The overview is the home page: its tab says just "Costwise".
  return { title: meta === PAGES.overview ? { absolute: "Costwise" } : meta.title, description: meta.description };
}
