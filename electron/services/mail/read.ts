/** The parser the service uses: electron/services/mail/parse (mailparser, classification, visible text). */
import { readMail as parseMail } from './parse';
import type { ReadMail } from './types';

export const readMail: ReadMail = (raw, options) => parseMail(raw, options);
