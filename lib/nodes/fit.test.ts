import { describe, expect, it } from "vitest";
import { fitNodes, toSystemReserve } from "./fit";

const T3A_XLARGE = { vcpu: 4, memoryGib: 16, hourlyUsd: "0.1504" };
const R6I_XLARGE = { vcpu: 4, memoryGib: 32, hourlyUsd: "0.252" };
const C6I_XLARGE = { vcpu: 4, memoryGib: 8, hourlyUsd: "0.17" };

describe("toSystemReserve", () => {
  it.each([
    // vCPU, GiB → CPU m, GiB
    [2, 8, 70, 1.8 + 100 / 1024],
    [4, 16, 80, 2.6 + 100 / 1024],
    [8, 32, 90, 3.56 + 100 / 1024],
    [16, 64, 110, 5.48 + 100 / 1024],
  ])("%i vCPU, %i GiB → %i m and %f GiB", (vcpu, memoryGib, cpu, memory) => {
    const r = toSystemReserve({ vcpu, memoryGib });
    expect(r.cpuMillicores).toBeCloseTo(cpu, 9);
    expect(r.memoryGib).toBeCloseTo(memory, 9);
  });
});

describe("fitNodes", () => {
  it.each([
    // name, need, node, overhead, nodes, limited by, monthly cost
    [
      "memory-heavy on a general-purpose node: memory decides",
      { cpuMillicores: 6000, memoryGib: 60 },
      T3A_XLARGE,
      0.15,
      6,
      "memory",
      "658.752",
    ],
    [
      "the same on a memory-optimised node: fewer, dearer nodes",
      { cpuMillicores: 6000, memoryGib: 60 },
      R6I_XLARGE,
      0.15,
      3,
      "memory",
      "551.88",
    ],
    [
      "CPU-heavy on a compute node: CPU decides",
      { cpuMillicores: 20000, memoryGib: 10 },
      C6I_XLARGE,
      0.15,
      6,
      "cpu",
      "744.6",
    ],
    [
      "no overhead: an exact fit takes exactly the nodes",
      { cpuMillicores: 3920 * 3, memoryGib: 1 },
      T3A_XLARGE,
      0,
      3,
      "cpu",
      "329.376",
    ],
    [
      "nothing requested still needs one node",
      { cpuMillicores: 0, memoryGib: 0 },
      T3A_XLARGE,
      0.15,
      1,
      "memory",
      "109.792",
    ],
  ])("%s", (_name, need, node, overhead, nodes, limitedBy, cost) => {
    const fit = fitNodes(need, node, overhead);
    expect(fit.nodes).toBe(nodes);
    expect(fit.limitedBy).toBe(limitedBy);
    expect(fit.monthlyCost).toBe(cost);
  });

  it("a larger packing overhead never needs fewer nodes", () => {
    const need = { cpuMillicores: 9000, memoryGib: 40 };
    const counts = [0, 0.1, 0.15, 0.3, 0.5].map((o) => fitNodes(need, T3A_XLARGE, o).nodes);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
