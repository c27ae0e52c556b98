// The weekly digest's operator settings: the schedule, the mail server, and its password kept out of logs.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const SMTP = { SMTP_HOST: "smtp.example.com", SMTP_FROM: "costwise@example.com" };

describe("digest settings", () => {
  it.each([
    [{}, undefined],
    [{ DIGEST_SCHEDULE: "off" }, undefined],
    [{ DIGEST_SCHEDULE: "weekly" }, { weekday: "mon", hour: 8, minute: 0 }],
    [{ DIGEST_SCHEDULE: "Fri 16:30" }, { weekday: "fri", hour: 16, minute: 30 }],
  ])("%o → schedule %o", (env, schedule) => {
    expect(parseConfig(env).digest.schedule).toEqual(schedule);
  });

  it.each([
    [{ DIGEST_SCHEDULE: "monday 8am" }, /DIGEST_SCHEDULE="monday 8am": expected off, weekly/],
    [{ DIGEST_SCHEDULE: "mon 24:00" }, /DIGEST_SCHEDULE/],
    [{ SMTP_HOST: "smtp.example.com" }, /SMTP_FROM is required/],
    [{ SMTP_FROM: "a@example.com" }, /SMTP_HOST is missing/],
    [{ ...SMTP, SMTP_USER: "u" }, /SMTP_USER and SMTP_PASSWORD go together/],
    [{ ...SMTP, SMTP_TLS: "none" }, /SMTP_TLS=none is only allowed for a mail server on this machine/],
    [{ ...SMTP, SMTP_TLS: "ssl" }, /expected starttls, implicit or none/],
    [{ ...SMTP, SMTP_FROM: "a@example.com\r\nBcc: b@example.com" }, /SMTP_FROM/],
    [{ ...SMTP, SMTP_HOST: "smtp.example.com\r\n" + "x" }, /SMTP_HOST/],
    [{ COSTWISE_DIGEST_ALLOW_LOOPBACK: "maybe" }, /expected true or false/],
  ])("%o is refused: %s", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("reads the mail server, defaults the port from the TLS mode, and keeps the password out of logs", () => {
    const config = parseConfig({
      ...SMTP,
      SMTP_USER: "costwise",
      SMTP_PASSWORD: "smtp-password-123",
      SMTP_TLS: "implicit",
    });
    expect(config.digest.smtp).toEqual({
      host: "smtp.example.com",
      port: 465,
      tls: "implicit",
      user: "costwise",
      password: "smtp-password-123",
      from: "costwise@example.com",
    });
    expect(config.secrets).toContain("smtp-password-123");
    expect(parseConfig({ ...SMTP }).digest.smtp?.port).toBe(587);
    expect(parseConfig({ SMTP_HOST: "127.0.0.1", SMTP_FROM: "a@example.com", SMTP_TLS: "none" }).digest.smtp?.tls).toBe(
      "none",
    );
  });
});
