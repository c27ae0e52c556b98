"use client";
import { createContext, useContext, type ReactNode } from "react";
import { SETTING_VERSION_FIELD } from "@/lib/form-data";

/** The version of each settings document (by key) the page was rendered with; a re-render after a save updates it. */
const Versions = createContext<Readonly<Record<string, number>>>({});

export function SettingVersions({ versions, children }: { versions: Record<string, number>; children: ReactNode }) {
  const outer = useContext(Versions);
  return <Versions.Provider value={{ ...outer, ...versions }}>{children}</Versions.Provider>;
}

/**
 * The hidden field a settings form sends back: the version its page was opened with, so a save made after
 * someone else's is refused instead of silently undoing theirs. Absent outside a SettingVersions: the save is
 * then refused too (reload), never done unchecked.
 */
export function SettingVersionField({ setting, saved }: { setting: string; saved?: number | null }) {
  const rendered = useContext(Versions)[setting];
  if (rendered === undefined) return null;
  // `saved`: the version this form's own last save wrote, which can arrive before the refreshed page does.
  const version = Math.max(rendered, saved ?? 0);
  return <input type="hidden" name={SETTING_VERSION_FIELD} value={version} />;
}
