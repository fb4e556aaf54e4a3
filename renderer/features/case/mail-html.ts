/**
 * Mail HTML for the case view: sanitised as every message body is (MessageBody's DOMPurify settings), and with
 * remote images taken out until the agent asks for them — an image fetched from the sender's server tells the
 * sender the mail was read. Asked for, each becomes a link that opens the image outside the app, as the app's
 * content policy loads no image from another origin.
 */
import DOMPurify from 'dompurify';
import { sanitizeHtml } from './MessageBody';

const REMOTE = /^(https?:)?\/\//i;

export interface MailHtml {
  html: string;
  /** How many remote images were taken out (or turned into links). */
  remoteImages: number;
}

export function mailHtml(raw: string, { showImages }: { showImages: boolean }): MailHtml {
  // The images' addresses are read before sanitising: the shared sanitiser removes every non-data image.
  const marked = raw.replace(/<img\b([^>]*)>/gi, (tag, attrs: string) => {
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const url = src?.[1] ?? src?.[2] ?? src?.[3] ?? '';
    if (!REMOTE.test(url.trim())) return tag;
    const alt = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
    const label = alt?.[1] ?? alt?.[2] ?? '';
    return `<a data-remote-image="${encodeURIComponent(url.trim())}">${escapeText(label)}</a>`;
  });
  let remoteImages = 0;
  const clean = sanitizeHtml(marked.replace(/data-remote-image=/g, 'title='));
  const doc = new DOMParser().parseFromString(`<body>${clean}</body>`, 'text/html');
  for (const link of [...doc.querySelectorAll('a[title]')]) {
    const encoded = link.getAttribute('title') ?? '';
    if (!/^(https?%3A)?%2F%2F/i.test(encoded)) continue;
    remoteImages += 1;
    const url = decodeURIComponent(encoded);
    const alt = link.textContent ?? '';
    if (showImages && /^https?:/i.test(url)) {
      link.setAttribute('href', url);
      link.setAttribute('title', url);
      link.textContent = `[image${alt ? `: ${alt}` : ''}] ${new URL(url).host}`;
    } else {
      const placeholder = doc.createElement('span');
      placeholder.textContent = `[image blocked${alt ? `: ${alt}` : ''}]`;
      link.replaceWith(placeholder);
    }
  }
  return { html: DOMPurify.sanitize(doc.body.innerHTML), remoteImages };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
