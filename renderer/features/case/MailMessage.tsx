/**
 * A message that came by mail, on the timeline: what the sender wrote (without the quoted history), with the
 * whole message, the original source and the attachments one click away. The HTML is sanitised and remote
 * images stay out until asked for; attachments are opened or saved by the main process, never run here.
 */
import { useState } from 'react';
import type { EventMail } from '../../../shared/domain';
import type { RawSource } from '../../../shared/ipc/mail';
import { BlobId } from '../../../shared/ipc/mail';
import { desk } from '../../platform/bridge';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { download } from '../../ui/download';
import styles from './Case.module.css';
import mailStyles from './Mail.module.css';
import { mailHtml } from './mail-html';

const size = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${size.format(bytes / 1024)} KB`;
  return `${size.format(bytes / 1024 / 1024)} MB`;
}

export function MailMessage({ mail, visibleText }: { mail: EventMail; visibleText: string | undefined }) {
  const [whole, setWhole] = useState(false);
  const [images, setImages] = useState(false);
  const [original, setOriginal] = useState<RawSource | 'loading' | 'missing' | null>(null);
  const shown = visibleText?.trim() ? visibleText : mail.text;
  const rendered = whole && mail.html ? mailHtml(mail.html, { showImages: images }) : null;
  const hasMore = mail.html !== null || mail.text.trim() !== (visibleText ?? '').trim();

  const showOriginal = async () => {
    if (original !== null) {
      setOriginal(null);
      return;
    }
    const id = BlobId.safeParse(mail.rawBlobId);
    if (!id.success) {
      setOriginal('missing');
      return;
    }
    setOriginal('loading');
    try {
      setOriginal((await desk.mailRawSource(id.data)) ?? 'missing');
    } catch (error) {
      setOriginal(null);
      notify({
        tone: 'error',
        title: 'Desk could not read the original message',
        description: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return (
    <div className={mailStyles.mail}>
      {mail.from ? (
        <div className={mailStyles.from}>
          From {mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address} ·{' '}
          {mail.subject}
        </div>
      ) : null}
      {whole ? (
        rendered ? (
          <>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in mailHtml. */}
            <div className={styles.html} dangerouslySetInnerHTML={{ __html: rendered.html }} />
            {rendered.remoteImages > 0 && !images ? (
              <p className={mailStyles.dim}>
                {rendered.remoteImages === 1
                  ? 'One remote image was'
                  : `${rendered.remoteImages} remote images were`}{' '}
                blocked: loading it would tell the sender the mail was read.{' '}
                <Button size="sm" variant="ghost" onClick={() => setImages(true)}>
                  Show images
                </Button>
              </p>
            ) : null}
          </>
        ) : (
          <div className={styles.plain}>{mail.text}</div>
        )
      ) : (
        <div className={styles.plain} data-testid="mail-visible-text">
          {shown}
        </div>
      )}
      <div className={mailStyles.tools}>
        {hasMore ? (
          <Button size="sm" variant="ghost" onClick={() => setWhole(!whole)} aria-expanded={whole}>
            {whole ? 'Show only the new text' : 'Show the whole message'}
          </Button>
        ) : null}
        {mail.rawBlobId ? (
          <Button size="sm" variant="ghost" onClick={showOriginal} aria-expanded={original !== null}>
            {original !== null ? 'Hide original' : 'Show original'}
          </Button>
        ) : null}
      </div>
      {original === 'loading' ? <p className={mailStyles.dim}>Reading the original…</p> : null}
      {original === 'missing' ? (
        <p className={mailStyles.dim}>
          This computer does not have the original message: it was fetched by another desk.
        </p>
      ) : null}
      {original !== null && typeof original === 'object' ? (
        <section aria-label="Original message">
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard to scroll it. */}
          <pre className={mailStyles.original} tabIndex={0}>
            {original.text}
            {original.truncated ? '\n… (cut here: the message is longer)' : ''}
          </pre>
        </section>
      ) : null}
      {mail.attachments.length > 0 ? <Attachments attachments={mail.attachments} /> : null}
    </div>
  );
}

function Attachments({ attachments }: { attachments: EventMail['attachments'] }) {
  const act = async (attachment: EventMail['attachments'][number], action: 'open' | 'save') => {
    const id = BlobId.safeParse(attachment.blobId);
    if (!id.success) return;
    const filename = attachment.filename ?? 'attachment';
    try {
      const outcome = await desk.mailAttachment({ blobId: id.data, filename, action });
      if (outcome.downloadPath) download(new URL(outcome.downloadPath, window.location.href).href, filename);
      else if (!outcome.ok)
        notify({
          tone: 'error',
          title: `Desk could not ${action} ${filename}`,
          description: outcome.message,
        });
    } catch (error) {
      notify({
        tone: 'error',
        title: `Desk could not ${action} ${filename}`,
        description: error instanceof Error ? error.message : String(error),
      });
    }
  };
  return (
    <ul className={mailStyles.attachments} aria-label="Attachments">
      {attachments.map((attachment, index) => {
        const name = attachment.filename ?? 'Unnamed attachment';
        return (
          // Attachments have no id of their own; their order in the message is fixed.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <li key={index} className={mailStyles.attachment}>
            <span className={mailStyles.attachmentName}>{name}</span>
            <span className={mailStyles.dim}>
              {attachment.contentType}, {describeSize(attachment.size)}
            </span>
            {attachment.blobId ? (
              <>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => act(attachment, 'open')}
                  aria-label={`Open ${name}`}
                >
                  Open
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => act(attachment, 'save')}
                  aria-label={`Save ${name}`}
                >
                  Save…
                </Button>
              </>
            ) : (
              <span className={mailStyles.dim}>Not kept: {attachment.dropped ?? 'over the size limit'}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
