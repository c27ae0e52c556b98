// What /commitments reads from its URL: the term and payment the side-by-side compares.
import { z } from "zod";

export const commitmentsParamsSchema = z.object({
  term: z.enum(["ONE_YEAR", "THREE_YEARS"], { message: "ONE_YEAR or THREE_YEARS" }).default("ONE_YEAR"),
  payment: z
    .enum(["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"], { message: "NO_UPFRONT, PARTIAL_UPFRONT or ALL_UPFRONT" })
    .default("NO_UPFRONT"),
});
export type CommitmentsParams = z.infer<typeof commitmentsParamsSchema>;

export const TERM_LABELS = { ONE_YEAR: "1 year", THREE_YEARS: "3 years" } as const;
export const PAYMENT_LABELS = {
  NO_UPFRONT: "No upfront",
  PARTIAL_UPFRONT: "Partial upfront",
  ALL_UPFRONT: "All upfront",
} as const;
