/** A policy's intake notices, with its urgent contacts as links (intake and the escalate dialog show the same). */
import { Fragment } from 'react';
import type { Policy } from '../../shared/policies';
import { Notice } from './forms';

export function PolicyNotices({ policy }: { policy: Policy | undefined }) {
  const contact = policy?.intake.urgentContact;
  return (
    <>
      {(policy?.intake.notices ?? []).map((notice) => (
        <Notice key={notice.id} tone={notice.tone}>
          {notice.text.split(/(\{urgentPhone\}|\{urgentChat\})/).map((part, i) => {
            const key = `${notice.id}-${i}`;
            if (part === '{urgentPhone}') {
              return contact?.phone ? (
                <a key={key} href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
                  {contact.phone}
                </a>
              ) : (
                <Fragment key={key}>the Service Desk</Fragment>
              );
            }
            if (part === '{urgentChat}') {
              return contact?.chatUrl ? (
                <a key={key} href={contact.chatUrl} target="_blank" rel="noreferrer">
                  {contact.chatUrl}
                </a>
              ) : (
                <Fragment key={key}>live chat on our website</Fragment>
              );
            }
            return <Fragment key={key}>{part}</Fragment>;
          })}
        </Notice>
      ))}
    </>
  );
}
