import crypto from "node:crypto";
import { z } from "zod";

export const incomingMessage = z.object({
  to: z.string().min(1).max(320),
  subject: z.string().max(1000),
  html: z.string().max(200_000),
  text: z.string().max(200_000),
});

export interface StoredMessage extends z.infer<typeof incomingMessage> {
  id: string;
  created_at: string;
}

/** Every message received, newest first, in memory (the catcher is a development tool); oldest dropped past `limit`. */
export class MessageStore {
  private readonly messages: StoredMessage[] = [];
  constructor(private readonly limit = 1000) {}

  add(message: z.infer<typeof incomingMessage>): StoredMessage {
    const stored = { ...message, id: crypto.randomUUID(), created_at: new Date().toISOString() };
    this.messages.unshift(stored);
    if (this.messages.length > this.limit) this.messages.length = this.limit;
    return stored;
  }

  list(to?: string): StoredMessage[] {
    const wanted = to?.toLowerCase();
    return wanted ? this.messages.filter((m) => m.to.toLowerCase() === wanted) : [...this.messages];
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }
}
