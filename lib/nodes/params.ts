// What /rightsizing/nodes reads from its URL: the ranking's filters and order, the packing overhead, and
// whether candidates may change architecture (Graviton needs arm64 images of every workload).
import { z } from "zod";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { message }).optional();

export const nodesParamsSchema = z.object({
  category: optionalEnum(["general", "compute", "memory"] as const, "general, compute or memory"),
  arch: optionalEnum(["x86_64", "arm64"] as const, "x86_64 or arm64"),
  burstable: optionalEnum(["yes", "no"] as const, "yes or no"),
  sort: z.enum(["gib", "vcpu", "hourly"], { message: "gib, vcpu or hourly" }).default("gib"),
  overhead: z.coerce
    .number({ message: "a packing overhead in percent, 0 to 100" })
    .int("a whole percent")
    .min(0, "at least 0")
    .max(100, "at most 100")
    .default(15),
  candidates: z.enum(["same-arch", "any-arch"], { message: "same-arch or any-arch" }).default("same-arch"),
});
export type NodesParams = z.infer<typeof nodesParamsSchema>;
