// The case actions the queue and the case view both run: assign, status, escalate, attach correspondence.
export { AssignDialog } from './AssignDialog';
export { useAssignToMe } from './assign-to-me';
export { AttachCorrespondence, CorrespondenceLink, useAttachCorrespondence } from './Correspondence';
export { EscalateDialog, REQUEST_CHANNELS } from './EscalateDialog';
export { StatusDialog } from './StatusDialog';
