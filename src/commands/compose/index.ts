// Public face of outgoing mail in the command layer: the SendMail/SmartReply/SmartForward
// commands, and the send helper with its status mapping for other commands that mail something
// on the user's behalf (MeetingResponse).

export { createComposeCommands } from './compose-command.js';
export {
  composeStatusOf, sendComposedMessage, senderOf, type SendOptions, type SendOutcome, type SubmissionDeps,
} from './compose-submission.js';
export { MalformedMimeError } from './mime-header-block.js';
export { type ComposeSender } from './outgoing-message.js';
