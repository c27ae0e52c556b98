// A few EC2 products in the Price List's own shape (GetProducts returns each as a JSON string): on-demand Linux,
// shared tenancy, us-east-1, with the attributes a node-type refresh reads. Prices are the published
// us-east-1 on-demand rates; the emulator serves them so the refresh runs against the real wire shape.
type Product = {
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  processor: string;
  family: string;
  usd: string;
};

const PRODUCTS: Product[] = [
  {
    instanceType: "t3a.xlarge",
    vcpu: 4,
    memoryGib: 16,
    processor: "AMD EPYC 7571",
    family: "General purpose",
    usd: "0.1504000000",
  },
  {
    instanceType: "m6i.xlarge",
    vcpu: 4,
    memoryGib: 16,
    processor: "Intel Xeon 8375C (Ice Lake)",
    family: "General purpose",
    usd: "0.1920000000",
  },
  {
    instanceType: "m7g.xlarge",
    vcpu: 4,
    memoryGib: 16,
    processor: "AWS Graviton3 Processor",
    family: "General purpose",
    usd: "0.1632000000",
  },
  {
    instanceType: "c7g.xlarge",
    vcpu: 4,
    memoryGib: 8,
    processor: "AWS Graviton3 Processor",
    family: "Compute optimized",
    usd: "0.1450000000",
  },
  {
    instanceType: "r6g.xlarge",
    vcpu: 4,
    memoryGib: 32,
    processor: "AWS Graviton2 Processor",
    family: "Memory optimized",
    usd: "0.2016000000",
  },
];

export type PriceListFilter = { Type: string; Field: string; Value: string };

/** Products as the Price List API writes them, with each one's flat attributes (what TERM_MATCH filters see). */
export function listProducts(): { attributes: Record<string, string>; text: string }[] {
  return PRODUCTS.map((p, index) => {
    const sku = `CW${String(index + 1).padStart(2, "0")}EMU${p.instanceType.replace(/\W/g, "").toUpperCase()}`.slice(
      0,
      16,
    );
    const attributes: Record<string, string> = {
      servicecode: "AmazonEC2",
      servicename: "Amazon Elastic Compute Cloud",
      location: "US East (N. Virginia)",
      locationType: "AWS Region",
      regionCode: "us-east-1",
      instanceType: p.instanceType,
      instanceFamily: p.family,
      currentGeneration: "Yes",
      vcpu: String(p.vcpu),
      memory: `${p.memoryGib} GiB`,
      physicalProcessor: p.processor,
      processorArchitecture: "64-bit",
      operatingSystem: "Linux",
      tenancy: "Shared",
      preInstalledSw: "NA",
      licenseModel: "No License required",
      capacitystatus: "Used",
      usagetype: `BoxUsage:${p.instanceType}`,
      operation: "RunInstances",
    };
    const term = `${sku}.JRTCKXETXF`;
    const rate = `${term}.6YS6EN2CT7`;
    const product = {
      product: { productFamily: "Compute Instance", attributes, sku },
      serviceCode: "AmazonEC2",
      terms: {
        OnDemand: {
          [term]: {
            priceDimensions: {
              [rate]: {
                unit: "Hrs",
                endRange: "Inf",
                description: `$${Number(p.usd)} per On Demand Linux ${p.instanceType} Instance Hour`,
                appliesTo: [],
                rateCode: rate,
                beginRange: "0",
                pricePerUnit: { USD: p.usd },
              },
            },
            sku,
            effectiveDate: "2026-11-01T00:00:00Z",
            offerTermCode: "JRTCKXETXF",
            termAttributes: {},
          },
        },
      },
      version: "20261120195233",
      publicationDate: "2026-11-20T19:52:33Z",
    };
    return { attributes, text: JSON.stringify(product) };
  });
}
