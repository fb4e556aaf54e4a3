/** The case's history, newest first: messages in full, changes as one line each. */
import type { ReactNode } from 'react';
import type { CaseEvent } from '../../../shared/domain';
import type { OutboundMessage } from '../../../shared/sync';
import { DEFAULT_DESK_TIME_ZONE, formatDeskTime, formatInZone } from '../../../shared/time';
import { CorrespondenceLink } from '../../case-actions/Correspondence';
import {
  FlagIcon,
  LinkIcon,
  LockIcon,
  MailIcon,
  NoteIcon,
  PhoneIcon,
  ReplyIcon,
  StageIcon,
} from '../../case-kit/icons';
import {
  KIND_LABELS,
  LEVEL_LABELS,
  ladderStepText,
  PRIORITY_LABELS,
  STATUS_LABELS,
  stageLabel,
} from '../../case-kit/labels';
import type { DeskReference } from '../../case-kit/reference';
import type { CaseRow } from '../../db';
import { linkTo, path } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import { AlertTriangleIcon, ClockIcon, EscalationIcon, UserIcon } from '../../ui/icons';
import styles from './Case.module.css';
import mailStyles from './Mail.module.css';
import { MailMessage } from './MailMessage';
import { MessageBody } from './MessageBody';

const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  email: 'by email',
  phone: 'by phone',
  chat: 'by live chat',
  letter: 'by letter',
  'in-person': 'in person',
  portal: 'through the portal',
};

const OUTBOUND_WORDS: Readonly<Record<OutboundMessage['status'], string>> = {
  queued: 'Queued for the mail channel',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
};

/** A reply's delivery in words: its status, a bounce, a replacement, or the wait before the next try. */
function deliveryWords(message: OutboundMessage): string {
  if (message.replacedBy) return 'Not delivered: replaced by an edited message';
  if (message.status === 'failed')
    return message.bounced ? 'Bounced: the requester did not get it' : 'Not sent';
  if (message.status === 'queued' && message.lastError) return 'Queued: trying again shortly';
  return OUTBOUND_WORDS[message.status];
}

const AUTOMATIC_WORDS: Readonly<Record<'human' | 'auto-reply' | 'bulk' | 'bounce', string>> = {
  human: 'Mail',
  'auto-reply': 'Automatic reply',
  bulk: 'List mail',
  bounce: 'Delivery report',
};

export function Timeline({
  kase,
  events,
  outbound,
  linked,
  reference,
}: {
  kase: CaseRow;
  events: readonly CaseEvent[];
  outbound: readonly OutboundMessage[];
  linked: readonly CaseRow[];
  reference: DeskReference | undefined;
}) {
  const policy = reference?.policyFor(kase);
  const timeZone = reference?.timeZoneFor(kase) ?? DEFAULT_DESK_TIME_ZONE;
  const name = (id: string | null | undefined, fallback = 'Desk') =>
    id ? (reference?.people.get(id)?.name ?? id) : fallback;
  const refOf = (id: string, quoted?: string) => linked.find((c) => c.id === id)?.ref ?? quoted ?? id;
  const messageFor = new Map(outbound.map((m) => [m.eventId, m]));
  const messageById = new Map(outbound.map((m) => [m.id, m]));
  const sender = (mail: { from: { name: string; address: string } | null }) =>
    mail.from ? mail.from.name || mail.from.address : 'an unknown sender';

  const entry = (
    event: CaseEvent,
  ): { icon: ReactNode; tone?: string; title: ReactNode; body?: ReactNode } => {
    switch (event.type) {
      case 'created':
        return {
          icon: <FlagIcon size={14} />,
          title: `${name(event.actorId)} logged the ${KIND_LABELS[event.kind].toLowerCase()}`,
        };
      case 'customer-contact':
        return {
          icon: event.channel === 'phone' ? <PhoneIcon size={14} /> : <MailIcon size={14} />,
          tone: styles.inbound,
          title: `${kase.requester.name} got in touch ${CHANNEL_WORDS[event.channel] ?? ''}`,
          ...(event.mail
            ? { body: <MailMessage mail={event.mail} visibleText={event.summary} /> }
            : event.summary
              ? { body: <MessageBody text={event.summary} /> }
              : {}),
        };
      case 'mail-received':
        return {
          icon: <MailIcon size={14} />,
          title: (
            <>
              {AUTOMATIC_WORDS[event.mail.kind]} from {sender(event.mail)}
              <span className={mailStyles.automatic}>not counted as the requester's contact</span>
            </>
          ),
          body: <MailMessage mail={event.mail} visibleText={event.summary} />,
        };
      case 'delivery-failed': {
        const failed = messageById.get(event.outboundMessageId);
        return {
          icon: <AlertTriangleIcon size={14} />,
          tone: styles.escalated,
          title: `Our reply${event.recipient || failed ? ` to ${event.recipient ?? failed?.to}` : ''} did not arrive${
            event.diagnostic ? ` — ${event.diagnostic}` : ''
          }`,
          ...(event.mail ? { body: <MailMessage mail={event.mail} visibleText={undefined} /> } : {}),
        };
      }
      case 'kind-changed':
        return {
          icon: <FlagIcon size={14} />,
          title: `${name(event.actorId)} changed the kind: ${KIND_LABELS[event.from]} → ${KIND_LABELS[event.to]}`,
        };
      case 'reply-sent': {
        const message = messageFor.get(event.id);
        return {
          icon: <ReplyIcon size={14} />,
          tone: styles.outbound,
          title: (
            <>
              {name(event.actorId)} replied {CHANNEL_WORDS[event.channel] ?? ''}
              <span className={styles.purpose}>{event.purpose}</span>
              {message ? (
                <span
                  className={cx(styles.delivery, styles[`delivery-${message.status}`])}
                  data-testid="reply-delivery"
                  data-status={message.status}
                >
                  {deliveryWords(message)}
                </span>
              ) : null}
            </>
          ),
          ...(event.summary || message?.lastError
            ? {
                body: (
                  <>
                    {event.summary ? <MessageBody text={event.summary} /> : null}
                    {message?.lastError && message.status !== 'sent' ? (
                      <p className={mailStyles.lastError}>The mail server said: {message.lastError}</p>
                    ) : null}
                  </>
                ),
              }
            : {}),
        };
      }
      case 'note':
        return {
          icon: <NoteIcon size={14} />,
          tone: styles.note,
          title: `${name(event.actorId)} added an internal note`,
          body: <MessageBody text={event.text} />,
        };
      case 'status-changed':
        return {
          icon: <ClockIcon size={14} />,
          title: (
            <>
              {name(event.actorId, 'Desk')}: {STATUS_LABELS[event.from]} →{' '}
              <strong>{STATUS_LABELS[event.to]}</strong>
              {event.reason ? <span className={styles.reason}> — {event.reason}</span> : null}
            </>
          ),
        };
      case 'priority-changed':
        return {
          icon: <AlertTriangleIcon size={14} />,
          title: `${name(event.actorId)}: priority ${PRIORITY_LABELS[event.from]} → ${PRIORITY_LABELS[event.to]}`,
        };
      case 'assigned':
        return {
          icon: <UserIcon size={14} />,
          title:
            event.assigneeId === null
              ? `${name(event.actorId)} unassigned the case`
              : `${name(event.actorId)} assigned it to ${name(event.assigneeId)}${
                  event.teamId ? ` (${reference?.teams.get(event.teamId)?.name ?? event.teamId})` : ''
                }`,
        };
      case 'owner-set':
        return {
          icon: <UserIcon size={14} />,
          title:
            event.ownerId === null
              ? `${name(event.actorId)} removed the designated owner`
              : `${name(event.ownerId)} is the designated owner`,
        };
      case 'stage-changed':
        return {
          icon: <StageIcon size={14} />,
          title: `${name(event.actorId)}: stage ${event.from ? `${stageLabel(event.from, policy)} → ` : ''}${stageLabel(event.to, policy)}`,
        };
      case 'escalated':
        return {
          icon: <EscalationIcon size={14} />,
          tone: styles.escalated,
          title: `Escalation level ${LEVEL_LABELS[event.fromLevel]} → ${LEVEL_LABELS[event.toLevel]}${event.reason ? ` — ${event.reason}` : ''}`,
        };
      case 'prompted':
        return {
          icon: <EscalationIcon size={14} />,
          tone: styles.escalated,
          // A staff member recording that they prompted the owner, or a step of the policy's ladder.
          title:
            event.actorId && event.message && event.stepId.endsWith(':owner-prompted')
              ? `${name(event.actorId)}: ${event.message.replace(/\.$/, '')}`
              : ladderStepText(event, policy),
        };
      case 'confidential-set':
        return {
          icon: <LockIcon size={14} />,
          title: `${name(event.actorId)} marked it ${event.confidential ? 'confidential' : 'not confidential'}${event.reason ? ` — ${event.reason}` : ''}`,
        };
      case 'linked':
        return {
          icon: <LinkIcon size={14} />,
          title: (
            <>
              {event.relation === 'escalates'
                ? 'Escalates '
                : event.relation === 'complains-about'
                  ? 'Complains about '
                  : 'Linked to '}
              <a {...linkTo(path('queue', event.otherCaseId))}>{refOf(event.otherCaseId, event.ticketRef)}</a>
            </>
          ),
        };
      case 'referred-externally':
        return {
          icon: <FlagIcon size={14} />,
          tone: styles.escalated,
          title: `${name(event.actorId)} referred it to ${event.body}${event.reference ? ` (ref. ${event.reference})` : ''}`,
        };
      case 'correspondence-attached':
        return {
          icon: <NoteIcon size={14} />,
          title: `${name(event.actorId)} attached correspondence`,
          body: <CorrespondenceLink {...event} />,
        };
    }
  };

  const newestFirst = [...events].reverse();
  return (
    <ol className={styles.timeline} aria-label="Timeline">
      {newestFirst.map((event) => {
        const { icon, tone, title, body } = entry(event);
        const at = new Date(event.at);
        return (
          <li key={event.id} className={cx(styles.event, body !== undefined && styles.eventWithBody, tone)}>
            <span className={styles.eventIcon}>{icon}</span>
            <div className={styles.eventMain}>
              <div className={styles.eventHead}>
                <span className={styles.eventTitle}>{title}</span>
                <time
                  className={styles.eventTime}
                  dateTime={event.at}
                  title={formatDeskTime(at, timeZone, 'fullSeconds')}
                >
                  {formatInZone(at, timeZone, 'dayTime')}
                </time>
              </div>
              {body}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
