// A real local SMTP server (the smtp-server package) for tests of e-mailed codes: it accepts every
// message on 127.0.0.1 and keeps them, so a test reads what the app sent.
import { SMTPServer } from "smtp-server";
import { freePort } from "./slapd.ts";

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** the next message to `to` (waits up to timeoutMs) */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export async function startSmtp(port?: number): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  const p = port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(p, "127.0.0.1", () => resolve());
  });
  const seen = new Set<ReceivedMail>();
  return {
    url: `smtp://127.0.0.1:${p}`,
    port: p,
    messages,
    async waitFor(to, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = messages.find((x) => !seen.has(x) && x.to.includes(to));
        if (m) {
          seen.add(m);
          return m;
        }
        if (Date.now() > until) throw new Error(`no e-mail to ${to} within ${timeoutMs} ms (received: ${messages.map((x) => x.to.join(",")).join("; ") || "none"})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The 8-digit code in a message the self-service page sent. */
export function codeIn(mail: ReceivedMail): string {
  const m = /code is (\d{8})/.exec(mail.raw.replace(/=\r?\n/g, ""));
  if (!m) throw new Error(`no code in the message:\n${mail.raw}`);
  return m[1]!;
}
