import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Shell } from "./_components/shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Costwise", template: "%s · Costwise" },
  description: "Where your AWS money goes, and what your Kubernetes teams can safely cut.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Shell>{children}</Shell>
      </body>
    </html>
  );
}
