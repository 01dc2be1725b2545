import type { IncomingMessage, ServerResponse } from 'node:http';
import { listOutbox, readOutboxMail } from '../../shared/mail/outbox';

/**
 * LOCAL HOST ONLY: the mail the handlers "sent" (shared/mail writes it to MAIL_OUTBOX_DIR, here
 * DATA_DIR/outbox), for the developer to open in the browser: `/_outbox/` lists it, newest first,
 * `/_outbox/<id>` shows one mail with its links clickable. Not part of the AWS stack (no route,
 * no function, nothing bundled: test/infra/local-only.test.ts). The host listens on 127.0.0.1.
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Escaped text with http(s) URLs as links (the reset link, the portal). */
export function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/styles.css"></head>
<body><main id="main" class="container">
<p class="notice">Chỉ có trên máy chủ cục bộ: thư mà Chợ Số “gửi” được lưu tại đây thay vì gửi đi. /
Local host only: mail is kept here instead of being sent.</p>
${body}
</main></body></html>
`;

export function createOutboxHandler(options: { dir: string }) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== '/_outbox' && !url.pathname.startsWith('/_outbox/')) return false;
    const send = (status: number, html: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      send(405, page('405', '<h1>GET only</h1>'));
      return true;
    }
    const id = url.pathname.replace(/^\/_outbox\/?/, '');
    if (!id) {
      const mails = listOutbox(options.dir);
      const rows = mails
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.at.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to)}</td>` +
            `<td><a href="/_outbox/${escapeHtml(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
        )
        .join('\n');
      send(
        200,
        page(
          'Hộp thư đi / Outbox',
          `<h1>Hộp thư đi / Outbox (${mails.length})</h1>` +
            (mails.length
              ? `<table class="table"><thead><tr><th>Lúc (UTC)</th><th>Đến / To</th><th>Tiêu đề / Subject</th></tr></thead><tbody>${rows}</tbody></table>`
              : '<p>Chưa có thư. / No mail yet.</p>'),
        ),
      );
      return true;
    }
    const mail = readOutboxMail(options.dir, id);
    if (!mail) {
      send(
        404,
        page(
          '404',
          '<h1>Không có thư này / No such mail</h1><p><a href="/_outbox/">Hộp thư đi</a></p>',
        ),
      );
      return true;
    }
    send(
      200,
      page(
        mail.subject,
        `<p><a href="/_outbox/">← Hộp thư đi / Outbox</a></p><h1>${escapeHtml(mail.subject)}</h1>` +
          `<dl><dt>Từ / From</dt><dd>${escapeHtml(mail.from)}</dd><dt>Đến / To</dt><dd>${escapeHtml(mail.to)}</dd>` +
          `<dt>Lúc / At</dt><dd>${escapeHtml(mail.at)}</dd></dl>` +
          `<pre class="mail-text" style="white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit">${linkify(mail.text)}</pre>`,
      ),
    );
    return true;
  };
}
