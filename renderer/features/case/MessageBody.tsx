/**
 * A message body on the timeline. Plain text keeps its line breaks; HTML (mail arrives as HTML) is sanitised
 * with DOMPurify first: no scripts, no event handlers, no styles (the CSP refuses inline styles), no remote
 * images (the CSP refuses them too), and links open outside the app.
 */
import DOMPurify from 'dompurify';
import styles from './Case.module.css';

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/i;

let hooked = false;
function purifier() {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      if (node.tagName === 'IMG' && !/^data:image\//.test(node.getAttribute('src') ?? '')) node.remove();
    });
  }
  return DOMPurify;
}

/**
 * Style attributes, event-handler attributes and <style> elements, removed from the text before it is parsed:
 * Chromium checks the page's CSP even while parsing into an inert document, and logs a violation for each.
 * Not the sanitiser (DOMPurify is): anything this misses is still removed, it only costs a console line.
 */
const INLINE_STYLE_OR_HANDLER = /\s(?:style|on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
const STYLE_ELEMENT = /<style[\s\S]*?<\/style\s*>/gi;

export function sanitizeHtml(html: string): string {
  const quiet = html.replace(STYLE_ELEMENT, '').replace(INLINE_STYLE_OR_HANDLER, '');
  return purifier().sanitize(quiet, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOW_DATA_ATTR: false,
  });
}

export function MessageBody({ text }: { text: string }) {
  if (LOOKS_LIKE_HTML.test(text)) {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above.
    return <div className={styles.html} dangerouslySetInnerHTML={{ __html: sanitizeHtml(text) }} />;
  }
  return <div className={styles.plain}>{text}</div>;
}
