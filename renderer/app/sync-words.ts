/** Changes as a person names them, for the history and the sync problems lists. */
const CHANGES: Readonly<Record<string, string>> = {
  createCase: 'Logged the case',
  editFields: 'Edited the details',
  assign: 'Assigned it',
  setOwner: 'Named the owner',
  setStatus: 'Changed the status',
  addNote: 'Added a note',
  addReply: 'Replied to the requester',
  recordCustomerContact: 'Recorded a contact from the requester',
  changeStage: 'Moved it to another stage',
  escalate: 'Escalated it',
  linkCases: 'Linked it to another case',
  setConfidential: 'Changed its confidentiality',
  markPrompted: 'Recorded an escalation step',
  recordExternalReferral: 'Recorded an external referral',
  recordOwnerPrompted: 'Prompted the owner',
  requestHodReview: 'Asked for Head of Department review',
  mailReport: 'Queued a report by mail',
  ingestMail: 'Filed a mail from the desk mailbox',
  markOutbound: 'Recorded how a mail went out',
  claimOutbound: 'Took a reply to send',
  retryOutbound: 'Tried sending a reply again',
  resendOutbound: 'Edited and resent a reply',
  changeKind: 'Changed the kind of case',
  savePolicy: 'Saved a policy',
  saveCalendar: 'Saved a calendar',
  saveView: 'Saved a queue view',
  deleteView: 'Deleted a queue view',
  savePerson: 'Changed the directory',
  saveTeam: 'Changed a team',
  importRows: 'Copied rows to the server',
  push: 'Sent changes',
  pull: 'Fetched changes',
};

export function describeChange(mutationName: string): string {
  return CHANGES[mutationName] ?? mutationName;
}
