export type DevMail = { id: number; to: string; subject: string; text: string; sentAt: string };

const BOX = Symbol.for("stu.dev-mailbox");
type WithBox = typeof globalThis & { [BOX]?: DevMail[] };
const KEEP = 50;

/** Recent mails kept in memory when no SMTP server is configured (development only). */
export function devMailbox(): DevMail[] {
  const g = globalThis as WithBox;
  g[BOX] ??= [];
  return g[BOX];
}

export function keepDevMail(mail: Omit<DevMail, "id" | "sentAt">): void {
  const box = devMailbox();
  box.unshift({ ...mail, id: (box[0]?.id ?? 0) + 1, sentAt: new Date().toISOString() });
  box.length = Math.min(box.length, KEEP);
}
