import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { PendingMessage } from "./types.ts";

type Stored = PendingMessage & { user_id: number };

interface OutboxDb extends DBSchema {
  messages: { key: [number, string]; value: Stored; indexes: { by_user: number } };
}

const DB_NAME = "stu-outbox";

/**
 * Unacknowledged messages kept in IndexedDB, so what was typed offline survives a reload or a closed
 * tab and goes out when the app starts again (once: the server keeps one message per temp_id).
 * Records are keyed by [user id, temp_id]: another account signed in on the same browser never
 * sees, let alone sends, them. Without IndexedDB (private modes, old browsers) it keeps nothing and
 * the outbox lives only in the tab, as before.
 */
export class Outbox {
  private db: Promise<IDBPDatabase<OutboxDb> | null>;

  constructor(private readonly userId: number) {
    this.db =
      typeof indexedDB === "undefined"
        ? Promise.resolve(null)
        : openDB<OutboxDb>(DB_NAME, 1, {
            upgrade(db) {
              const store = db.createObjectStore("messages", { keyPath: ["user_id", "temp_id"] });
              store.createIndex("by_user", "user_id");
            },
          }).catch(() => null);
  }

  /** This account's kept messages, oldest first. */
  async load(): Promise<PendingMessage[]> {
    const db = await this.db;
    if (!db) return [];
    try {
      const rows = await db.getAllFromIndex("messages", "by_user", this.userId);
      return rows
        .map(({ user_id: _, ...message }) => message)
        .sort((a, b) => a.created_at.localeCompare(b.created_at));
    } catch {
      return [];
    }
  }

  async put(message: PendingMessage): Promise<void> {
    // Object URLs of picked files die with the page; the uploaded attachment itself is kept by id.
    const attachments = message.attachments.map(({ preview_url: _, ...a }) => a);
    await this.write((db) => db.put("messages", { ...message, attachments, user_id: this.userId }));
  }

  async delete(tempId: string): Promise<void> {
    await this.write((db) => db.delete("messages", [this.userId, tempId]));
  }

  private async write(action: (db: IDBPDatabase<OutboxDb>) => Promise<unknown>): Promise<void> {
    const db = await this.db;
    if (!db) return;
    try {
      await action(db);
    } catch {
      // Quota or a closed database: the message still lives in this tab's outbox.
    }
  }
}
