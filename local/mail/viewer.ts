import type { StoredMessage } from "./store";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
  iframe { width: 100%; min-height: 20rem; border: 1px solid #ddd; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; }
</style></head><body>${body}</body></html>`;

/** The inbox: every message, newest first. */
export function inboxPage(messages: StoredMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.created_at.replace("T", " ").slice(0, 19))}</td><td>${escapeHtml(m.to)}</td>` +
        `<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("\n");
  const body = messages.length
    ? `<table><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>No messages yet.</p>";
  return page("Local mail", `<h1>Local mail</h1><p>Messages sent by the local Supabase Auth stand-in. JSON: <a href="/api/messages">/api/messages</a></p>${body}`);
}

/**
 * One message: its HTML in a sandboxed frame (no scripts, links open in a new tab), and its text.
 * `allow-popups` lets a link be followed; nothing in the frame runs as this origin.
 */
export function messagePage(m: StoredMessage): string {
  const frame = `<iframe title="Message body" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(`<base target="_blank">${m.html}`)}"></iframe>`;
  return page(
    m.subject,
    `<p><a href="/">← All messages</a></p><h1>${escapeHtml(m.subject || "(no subject)")}</h1>` +
      `<p>To: ${escapeHtml(m.to)}<br>Received: ${escapeHtml(m.created_at)}</p>${frame}<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );
}
