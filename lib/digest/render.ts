// A team's digest as messages: Slack mrkdwn, and an email in plain text and simple HTML. Pure functions.
// Money is formatted by lib/money.ts exactly as the team page does (formatSavings there: "+$17.19", "−$7.81").
// Every value that came from data (team, namespace, workload names come from tags) is escaped for where it goes.
import { formatCentsAsUsd, formatUsd } from "@/lib/money";
import type { DecidedRow, DigestRow, TeamDigest } from "./content";

/** Cents as the team page writes a saving: "+$12.00" saved, "−$3.00" added, "$0.00". */
export function formatSavingCents(cents: number): string {
  const text = formatUsd(formatCentsAsUsd(cents));
  return cents > 0 ? `+${text}` : text;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Names from tags may hold anything: no control characters (a mail header or a log line must stay one line). */
export function toOneLine(text: string, max = 200): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function toSubject(d: TeamDigest): string {
  return toOneLine(
    `Costwise weekly digest: ${toOneLine(d.team, 80)} — ${plural(d.open.count, "open recommendation")}, ${formatSavingCents(d.open.netCents)}/month`,
    250,
  );
}

// Slack: &, < and > are control characters in mrkdwn (links, mentions); everything else is text.
const slackText = (s: string) => toOneLine(s, 300).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const slackCode = (s: string) => `\`${slackText(s).replace(/`/g, "'")}\``;

function slackRow(r: DigestRow): string {
  return `• ${slackCode(r.name)} (${slackText(r.cluster)})${r.change ? `: ${slackText(r.change)}` : ""} — *${formatSavingCents(r.monthlyCents)}/month*`;
}
function slackDecided(r: DecidedRow, since: string): string {
  return `• ${slackCode(r.name)} (${slackText(r.cluster)})${r.at ? `, ${since} ${r.at}` : ""}`;
}

/** The Slack incoming-webhook payload: mrkdwn text (Slack renders it; notifications show its first line). */
export function renderSlack(d: TeamDigest): { text: string } {
  const lines: string[] = [];
  lines.push(`*Costwise weekly digest — ${slackText(d.team)}* (week of ${d.week})`);
  lines.push(
    `*Open:* ${plural(d.open.count, "recommendation")}, net *${formatSavingCents(d.open.netCents)}/month*${d.open.raises > 0 ? ` (${plural(d.open.raises, "row needs", "rows need")} more than requested)` : ""}`,
  );
  if (d.open.top.length > 0) {
    lines.push("*Largest open savings*");
    for (const r of d.open.top) lines.push(slackRow(r));
  }
  lines.push(
    d.isFirstDigest
      ? `*New:* this is the team's first digest, so all ${plural(d.newRows.length, "open row")} are new.`
      : `*New since last week:* ${d.newRows.length}`,
  );
  if (!d.isFirstDigest) for (const r of d.newRows.slice(0, 5)) lines.push(slackRow(r));
  if (!d.isFirstDigest && d.newRows.length > 5) lines.push(`…and ${d.newRows.length - 5} more`);
  lines.push(`*Applied:* ${d.applied.count} in all, ${d.applied.sinceLastWeek.length} since last week`);
  for (const r of d.applied.sinceLastWeek.slice(0, 5)) lines.push(slackDecided(r, "applied"));
  lines.push(`*Drifted back:* ${d.drifted.length}`);
  for (const r of d.drifted.slice(0, 5)) lines.push(slackDecided(r, "since"));
  lines.push(`*Savings realized:* *${formatSavingCents(d.realizedCents)}/month*`);
  if (d.link) lines.push(`<${d.link}|Open ${slackText(d.team)}'s recommendations in Costwise>`);
  return { text: lines.join("\n") };
}

function textRow(r: DigestRow): string {
  return `  - ${toOneLine(r.name)} (${toOneLine(r.cluster)})${r.change ? `: ${r.change}` : ""} — ${formatSavingCents(r.monthlyCents)}/month`;
}

export function renderEmailText(d: TeamDigest): string {
  const lines: string[] = [];
  lines.push(`Costwise weekly digest — ${toOneLine(d.team)} (week of ${d.week})`, "");
  lines.push(
    `Open: ${plural(d.open.count, "recommendation")}, net ${formatSavingCents(d.open.netCents)}/month${d.open.raises > 0 ? ` (${plural(d.open.raises, "row needs", "rows need")} more than requested)` : ""}`,
  );
  if (d.open.top.length > 0) {
    lines.push("", "Largest open savings:");
    for (const r of d.open.top) lines.push(textRow(r));
  }
  lines.push(
    "",
    d.isFirstDigest
      ? `New: this is the team's first digest, so all ${plural(d.newRows.length, "open row")} are new.`
      : `New since last week: ${d.newRows.length}`,
  );
  if (!d.isFirstDigest) for (const r of d.newRows) lines.push(textRow(r));
  lines.push("", `Applied: ${d.applied.count} in all, ${d.applied.sinceLastWeek.length} since last week`);
  for (const r of d.applied.sinceLastWeek)
    lines.push(`  - ${toOneLine(r.name)} (${toOneLine(r.cluster)}), applied ${r.at}`);
  lines.push(`Drifted back: ${d.drifted.length}`);
  for (const r of d.drifted) lines.push(`  - ${toOneLine(r.name)} (${toOneLine(r.cluster)}), since ${r.at}`);
  lines.push(`Savings realized: ${formatSavingCents(d.realizedCents)}/month`);
  if (d.link) lines.push("", `Team page: ${d.link}`);
  return `${lines.join("\n")}\n`;
}

const html = (s: string) =>
  toOneLine(s, 300)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

function htmlRows(rows: DigestRow[]): string {
  if (rows.length === 0) return "";
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${html(r.name)}</code><br><small>${html(r.cluster)}</small></td><td>${html(r.change)}</td><td style="text-align:right;white-space:nowrap">${html(formatSavingCents(r.monthlyCents))}/month</td></tr>`,
    )
    .join("");
  return `<table cellpadding="6" style="border-collapse:collapse"><tr><th align="left">Container</th><th align="left">Change</th><th align="right">Saving</th></tr>${body}</table>`;
}

function htmlDecided(rows: DecidedRow[], since: string): string {
  if (rows.length === 0) return "";
  return `<ul>${rows.map((r) => `<li><code>${html(r.name)}</code> (${html(r.cluster)})${r.at ? `, ${since} ${html(r.at)}` : ""}</li>`).join("")}</ul>`;
}

export function renderEmailHtml(d: TeamDigest): string {
  const parts: string[] = [];
  parts.push(`<h1 style="font-size:18px">Costwise weekly digest — ${html(d.team)}</h1>`);
  parts.push(`<p>Week of ${html(d.week)}</p>`);
  parts.push(
    `<p><strong>Open:</strong> ${plural(d.open.count, "recommendation")}, net <strong>${html(formatSavingCents(d.open.netCents))}/month</strong>${d.open.raises > 0 ? ` (${plural(d.open.raises, "row needs", "rows need")} more than requested)` : ""}</p>`,
  );
  if (d.open.top.length > 0) parts.push(`<h2 style="font-size:15px">Largest open savings</h2>${htmlRows(d.open.top)}`);
  parts.push(
    d.isFirstDigest
      ? `<p><strong>New:</strong> this is the team's first digest, so all ${plural(d.newRows.length, "open row")} are new.</p>`
      : `<h2 style="font-size:15px">New since last week: ${d.newRows.length}</h2>${htmlRows(d.newRows)}`,
  );
  parts.push(
    `<p><strong>Applied:</strong> ${d.applied.count} in all, ${d.applied.sinceLastWeek.length} since last week</p>${htmlDecided(d.applied.sinceLastWeek, "applied")}`,
  );
  parts.push(`<p><strong>Drifted back:</strong> ${d.drifted.length}</p>${htmlDecided(d.drifted, "since")}`);
  parts.push(`<p><strong>Savings realized:</strong> ${html(formatSavingCents(d.realizedCents))}/month</p>`);
  if (d.link) parts.push(`<p><a href="${html(d.link)}">Open ${html(d.team)}'s recommendations in Costwise</a></p>`);
  return `<!doctype html><html><body style="font-family:sans-serif">${parts.join("\n")}</body></html>`;
}
