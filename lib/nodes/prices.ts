// On-demand prices of the node types Costwise compares, shipped as data so the page works without AWS
// credentials. Linux, shared tenancy, current generation, general purpose / compute / memory optimised, x86 and
// Graviton, in the clusters' region. The Price List refresh (lib/aws/pricing-*) replaces them when credentials
// exist; the page says which prices it shows and from when.
export type Category = "general" | "compute" | "memory";
export type Arch = "x86_64" | "arm64";
export type NodeType = {
  instanceType: string;
  family: string;
  category: Category;
  arch: Arch;
  isBurstable: boolean;
  vcpu: number;
  memoryGib: number;
  /** USD per hour, as the price list writes it. */
  hourlyUsd: string;
};

// Typed in by hand from AWS's published on-demand list (no network here to fetch it): check them against the
// page, or let the Price List refresh replace them, before quoting a figure.
export const SHIPPED_PRICES = {
  region: "us-east-1",
  source:
    "AWS EC2 On-Demand Pricing, Linux, US East (N. Virginia), transcribed by hand — https://aws.amazon.com/ec2/pricing/on-demand/",
  retrievedOn: "transcribed 2026-12-06, not fetched",
};

type Row = [instanceType: string, category: Category, arch: Arch, vcpu: number, memoryGib: number, hourlyUsd: string];
const ROWS: Row[] = [
  ["t3.xlarge", "general", "x86_64", 4, 16, "0.1664"],
  ["t3.2xlarge", "general", "x86_64", 8, 32, "0.3328"],
  ["t3a.xlarge", "general", "x86_64", 4, 16, "0.1504"],
  ["t3a.2xlarge", "general", "x86_64", 8, 32, "0.3008"],
  ["t4g.xlarge", "general", "arm64", 4, 16, "0.1344"],
  ["t4g.2xlarge", "general", "arm64", 8, 32, "0.2688"],
  ["m5.xlarge", "general", "x86_64", 4, 16, "0.192"],
  ["m5.2xlarge", "general", "x86_64", 8, 32, "0.384"],
  ["m5a.xlarge", "general", "x86_64", 4, 16, "0.172"],
  ["m5a.2xlarge", "general", "x86_64", 8, 32, "0.344"],
  ["m6i.xlarge", "general", "x86_64", 4, 16, "0.192"],
  ["m6i.2xlarge", "general", "x86_64", 8, 32, "0.384"],
  ["m6a.xlarge", "general", "x86_64", 4, 16, "0.1728"],
  ["m6a.2xlarge", "general", "x86_64", 8, 32, "0.3456"],
  ["m7i.xlarge", "general", "x86_64", 4, 16, "0.2016"],
  ["m7i.2xlarge", "general", "x86_64", 8, 32, "0.4032"],
  ["m6g.xlarge", "general", "arm64", 4, 16, "0.154"],
  ["m6g.2xlarge", "general", "arm64", 8, 32, "0.308"],
  ["m7g.xlarge", "general", "arm64", 4, 16, "0.1632"],
  ["m7g.2xlarge", "general", "arm64", 8, 32, "0.3264"],
  ["c5.xlarge", "compute", "x86_64", 4, 8, "0.17"],
  ["c5.2xlarge", "compute", "x86_64", 8, 16, "0.34"],
  ["c6i.xlarge", "compute", "x86_64", 4, 8, "0.17"],
  ["c6i.2xlarge", "compute", "x86_64", 8, 16, "0.34"],
  ["c6a.xlarge", "compute", "x86_64", 4, 8, "0.153"],
  ["c6a.2xlarge", "compute", "x86_64", 8, 16, "0.306"],
  ["c7i.xlarge", "compute", "x86_64", 4, 8, "0.1785"],
  ["c6g.xlarge", "compute", "arm64", 4, 8, "0.136"],
  ["c6g.2xlarge", "compute", "arm64", 8, 16, "0.272"],
  ["c7g.xlarge", "compute", "arm64", 4, 8, "0.145"],
  ["c7g.2xlarge", "compute", "arm64", 8, 16, "0.29"],
  ["r5.xlarge", "memory", "x86_64", 4, 32, "0.252"],
  ["r5.2xlarge", "memory", "x86_64", 8, 64, "0.504"],
  ["r5a.xlarge", "memory", "x86_64", 4, 32, "0.226"],
  ["r6i.xlarge", "memory", "x86_64", 4, 32, "0.252"],
  ["r6i.2xlarge", "memory", "x86_64", 8, 64, "0.504"],
  ["r6a.xlarge", "memory", "x86_64", 4, 32, "0.2268"],
  ["r7i.xlarge", "memory", "x86_64", 4, 32, "0.2646"],
  ["r6g.xlarge", "memory", "arm64", 4, 32, "0.2016"],
  ["r6g.2xlarge", "memory", "arm64", 8, 64, "0.4032"],
  ["r7g.xlarge", "memory", "arm64", 4, 32, "0.2142"],
];

export const SHIPPED_NODE_TYPES: NodeType[] = ROWS.map(
  ([instanceType, category, arch, vcpu, memoryGib, hourlyUsd]) => ({
    instanceType,
    family: instanceType.split(".")[0] ?? instanceType,
    category,
    arch,
    isBurstable: instanceType.startsWith("t"),
    vcpu,
    memoryGib,
    hourlyUsd,
  }),
);
