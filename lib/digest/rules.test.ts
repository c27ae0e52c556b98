// The digest's pure rules, table-driven: the week, webhook URLs and addresses, hostile text.
import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./addresses";
import { checkEmailAddress, checkWebhookUrl, maskWebhookUrl, parseRecipients } from "./channels";
import type { TeamDigest } from "./content";
import { formatSavingCents, renderEmailHtml, renderSlack, toSubject } from "./render";
import { isDue, toSendTime, toWeek } from "./week";

describe("the week", () => {
  it.each([
    ["2026-12-07T00:00:00Z", "2026-12-07"], // Monday
    ["2026-12-13T23:59:59Z", "2026-12-07"], // Sunday
    ["2026-12-14T00:00:00Z", "2026-12-14"],
    ["2027-01-01T12:00:00Z", "2026-12-28"], // across the year
  ])("%s is in the week of %s", (now, week) => {
    expect(toWeek(new Date(now))).toBe(week);
  });
  it("is due from the send time to the end of the week", () => {
    const schedule = { weekday: "tue", hour: 8, minute: 30 } as const;
    expect(toSendTime("2026-12-07", schedule).toISOString()).toBe("2026-12-08T08:30:00.000Z");
    expect(isDue(new Date("2026-12-08T08:29:59Z"), schedule)).toBe(false);
    expect(isDue(new Date("2026-12-08T08:30:00Z"), schedule)).toBe(true);
    expect(isDue(new Date("2026-12-13T23:00:00Z"), schedule)).toBe(true);
    expect(isDue(new Date("2026-12-14T09:00:00Z"), schedule)).toBe(false); // Monday: next week's is Tuesday
  });
});

describe("webhook URLs", () => {
  const strict = { allowLoopback: false };
  const dev = { allowLoopback: true };
  it.each([
    ["https://hooks.slack.com/services/T000/B000/XXXX", strict, undefined],
    ["https://chat.example.com:8443/hooks/abc", strict, undefined],
    ["http://hooks.slack.com/services/T000/B000/XXXX", strict, "expected an https:// URL"],
    ["http://127.0.0.1:3999/hook", strict, "expected an https:// URL"],
    ["http://127.0.0.1:3999/hook", dev, undefined],
    ["http://localhost:3999/hook", dev, "expected an https:// URL"],
    ["http://10.1.2.3/hook", dev, "expected an https:// URL"],
    ["https://127.0.0.1/hook", strict, "private or internal address"],
    ["https://10.0.0.1/x", strict, "private or internal address"],
    ["https://172.20.0.1/x", strict, "private or internal address"],
    ["https://192.168.1.1/x", strict, "private or internal address"],
    ["https://169.254.169.254/latest/meta-data/", strict, "private or internal address"],
    ["https://[::1]/x", strict, "private or internal address"],
    ["https://[fd00::1]/x", strict, "private or internal address"],
    ["https://[::ffff:a9fe:a9fe]/x", strict, "private or internal address"],
    ["https://0x7f000001/x", strict, "private or internal address"], // WHATWG URL turns it into 127.0.0.1
    ["https://2130706433/x", strict, "private or internal address"],
    ["https://localhost/x", strict, "internal host name"],
    ["https://metadata/x", strict, "internal host name"],
    ["https://db.costwise.svc.cluster.local/x", strict, "internal host name"],
    ["https://user:pw@hooks.slack.com/x", strict, "no user name or password"],
    ["ftp://hooks.slack.com/x", strict, "expected an https:// URL"],
    ["javascript:alert(1)", strict, "expected an https:// URL"],
    ["https://hooks.slack.com/x\r\nHost: evil", strict, "no spaces or control characters"],
    ["not a url", strict, "no spaces or control characters"],
    ["hooks.slack.com/services/x", strict, "expected a URL like"],
  ])("%s (%o) → %s", (url, policy, problem) => {
    const answer = checkWebhookUrl(url, policy);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toContain(problem);
  });

  it.each([
    ["8.8.8.8", true],
    ["2606:4700::1111", true],
    ["100.64.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["64:ff9b::a00:1", false],
    ["224.0.0.1", false],
    ["not-an-ip", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("masks all but the host and the last four characters", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T000/B000/abcdefghWXYZ")).toBe(
      "https://hooks.slack.com/…WXYZ",
    );
  });
});

describe("email recipients", () => {
  it.each([
    ["team@example.com", undefined],
    ["first.last+digest@sub.example.co.uk", undefined],
    ["team@example.com\r\nBcc: all@example.com", "expected an address"],
    ["Team <team@example.com>", "expected an address"],
    ["team@localhost", "expected an address"],
    ["team@@example.com", "expected an address"],
    ["te..am@example.com", "expected an address"],
    [`${"a".repeat(250)}@example.com`, "at most 254"],
  ])("%j → %s", (address, problem) => {
    const answer = checkEmailAddress(address);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toContain(problem);
  });

  it("reads a list, one per line or comma separated, without duplicates", () => {
    expect(parseRecipients("a@example.com, b@example.com\nA@example.com\na@example.com")).toEqual({
      ok: true,
      value: ["a@example.com", "b@example.com", "A@example.com"],
    });
    // A header injection inside a list is caught as a bad address, not split into a new header.
    expect(parseRecipients("a@example.com\r\nBcc:evil@example.com")).toMatchObject({ ok: false });
    expect(parseRecipients(Array.from({ length: 21 }, (_, i) => `u${i}@example.com`).join(","))).toEqual({
      ok: false,
      message: "at most 20 recipients",
    });
  });
});

describe("rendering hostile names", () => {
  const digest: TeamDigest = {
    team: "pay<ments>\r\nBcc: evil@example.com & co",
    week: "2026-12-07",
    link: "https://costwise.example.com/rightsizing/pay%3Cments%3E",
    open: {
      count: 1,
      netCents: 123456,
      raises: 0,
      top: [
        {
          key: "k",
          cluster: "prod",
          name: "ns/<script>alert(1)</script>/app",
          change: "CPU 1000m → 480m",
          monthlyCents: 123456,
        },
      ],
    },
    newRows: [],
    isFirstDigest: false,
    applied: { count: 0, sinceLastWeek: [] },
    drifted: [],
    realizedCents: -781,
    openKeys: ["k"],
  };
  it("keeps the subject on one line", () => {
    expect(toSubject(digest)).toBe(
      "Costwise weekly digest: pay<ments> Bcc: evil@example.com & co — 1 open recommendation, +$1,234.56/month",
    );
  });
  it("escapes Slack's control characters and HTML", () => {
    const slack = renderSlack(digest).text;
    expect(slack).toContain("pay&lt;ments&gt; Bcc: evil@example.com &amp; co");
    expect(slack).toContain("`ns/&lt;script&gt;alert(1)&lt;/script&gt;/app`");
    expect(slack).toContain("*Savings realized:* *−$7.81/month*");
    const html = renderEmailHtml(digest);
    expect(html).not.toContain("<script>");
    expect(html).toContain("<code>ns/&lt;script&gt;alert(1)&lt;/script&gt;/app</code>");
  });
  it.each([
    [0, "$0.00"],
    [1, "+$0.01"],
    [123456, "+$1,234.56"],
    [-781, "−$7.81"],
  ])("formats %i cents as the team page does: %s", (cents, text) => {
    expect(formatSavingCents(cents)).toBe(text);
  });
});
