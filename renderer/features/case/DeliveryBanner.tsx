/**
 * A banner on a case whose reply did not reach the requester: bounced (a delivery report named it) or refused
 * for good by the mail server. It says why in the server's words, suggests phoning (with the number when the
 * case has one), and offers "Retry" (the same message again) and "Edit and resend" (a new message, same thread).
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { OutboundMessage } from '../../../shared/sync';
import { DialogBody, DialogButtons, FormAlert } from '../../case-kit/forms';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, TextArea, TextInput } from '../../ui/Field';
import { AlertOctagonIcon } from '../../ui/icons';
import styles from './Mail.module.css';

/** The failed messages the case should still act on: not yet replaced by a resend. */
export function undelivered(outbound: readonly OutboundMessage[]): OutboundMessage[] {
  return outbound.filter((m) => m.status === 'failed' && !m.replacedBy);
}

export function DeliveryBanner({ kase, outbound }: { kase: CaseRow; outbound: readonly OutboundMessage[] }) {
  const change = useChange();
  const [editing, setEditing] = useState<OutboundMessage | null>(null);
  const failed = undelivered(outbound);
  const retry = async (message: OutboundMessage) => {
    const outcome = await change('retryOutbound', { id: message.id });
    if (outcome.ok) notify({ tone: 'success', title: 'The reply is queued to be sent again' });
  };
  return (
    <>
      {failed.map((message) => (
        <div key={message.id} className={styles.banner} role="alert" data-testid="delivery-failed">
          <AlertOctagonIcon size={16} />
          <div className={styles.bannerText}>
            <strong>
              {message.bounced ? 'The requester did not get our reply' : 'Our reply could not be sent'} (to{' '}
              {message.to})
            </strong>
            {message.lastError ? <span>The mail server said: {message.lastError}</span> : null}
            <span>
              {kase.requester.phone
                ? `Consider phoning ${kase.requester.name} on ${kase.requester.phone} instead.`
                : `Consider phoning ${kase.requester.name} instead, or check the address.`}
            </span>
            <span className={styles.bannerActions}>
              <Button size="sm" onClick={() => retry(message)}>
                Retry
              </Button>
              <Button size="sm" onClick={() => setEditing(message)}>
                Edit and resend…
              </Button>
            </span>
          </div>
        </div>
      ))}
      <ResendDialog message={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function ResendDialog({ message, onClose }: { message: OutboundMessage | null; onClose: () => void }) {
  const change = useChange();
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (message) {
      setTo(message.to);
      setSubject(message.subject);
      setBody(message.body);
      setProblem(null);
    }
  }, [message]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!message) return;
    if (body.trim() === '') {
      setProblem('Write the message to send.');
      return;
    }
    const outcome = await change('resendOutbound', {
      id: message.id,
      ...(to.trim() !== message.to ? { to: to.trim() } : {}),
      ...(subject.trim() !== message.subject ? { subject: subject.trim() } : {}),
      body,
    });
    if (!outcome.ok) {
      setProblem(outcome.failure.message);
      return;
    }
    notify({ tone: 'success', title: 'The new message is queued' });
    onClose();
  };

  return (
    <Dialog
      open={message !== null}
      onOpenChange={(open) => (open ? null : onClose())}
      title="Edit and resend the reply"
      description="A new message in the same thread; the one that failed stays on the case, marked as replaced."
      width="md"
    >
      <form onSubmit={submit} aria-label="Edit and resend">
        <DialogBody>
          <Field label="To">
            {(control) => (
              <TextInput {...control} type="email" value={to} onChange={(e) => setTo(e.target.value)} />
            )}
          </Field>
          <Field label="Subject">
            {(control) => (
              <TextInput {...control} value={subject} onChange={(e) => setSubject(e.target.value)} />
            )}
          </Field>
          <Field label="Message">
            {(control) => (
              <TextArea {...control} rows={10} value={body} onChange={(e) => setBody(e.target.value)} />
            )}
          </Field>
          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" type="submit">
              Send again
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
