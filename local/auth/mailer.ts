/** A message as the stand-in hands it to the mail catcher (local/mail). */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Delivers to the local mail catcher over HTTP (`POST {url}/api/messages`). GoTrue speaks SMTP to
 * Supabase's local Inbucket/Mailpit; a JSON POST keeps this stand-in free of an SMTP client.
 */
export function httpMailer(url: string): Mailer {
  const endpoint = `${url.replace(/\/$/, "")}/api/messages`;
  return {
    async send(message) {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`mail catcher answered ${res.status}`);
    },
  };
}

/** Without a catcher, mail goes to the log, like GoTrue's noop mailer. */
export const logMailer: Mailer = {
  async send(message) {
    console.log(`[auth] mail to ${message.to}: ${message.subject}\n${message.text}`);
  },
};
