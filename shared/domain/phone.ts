import { getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Digits and the marks people write between them, optionally an extension ("ext 1234", "x1234"). */
const PHONE_SHAPE = /^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|extension|x)\s*\d+)?$/i;

export type PhoneCheck = { ok: true; phone: string } | { ok: false; message: string };

/**
 * Checks a phone number as a person typed it (libphonenumber-js; numbers without a country code are read in
 * `region`) and writes it the usual way: national form at home ("01865 270000"), international otherwise. A
 * number of a possible length is accepted even when the library does not know its range (new ranges, the
 * Ofcom drama numbers the demo uses): the desk would rather keep a number it cannot place than refuse a caller.
 */
export function checkPhone(text: string, region: 'GB' = 'GB'): PhoneCheck {
  const trimmed = text.trim();
  const number = PHONE_SHAPE.test(trimmed) ? parsePhoneNumberFromString(trimmed, region) : undefined;
  if (number === undefined || !number.isPossible()) {
    return {
      ok: false,
      message: /\d/.test(trimmed)
        ? 'That phone number looks too short or too long: check the digits (e.g. 01865 270000 or +44 1865 270000).'
        : 'That isn’t a phone number: give the digits to call (e.g. 01865 270000 or +44 1865 270000).',
    };
  }
  return {
    ok: true,
    phone:
      number.countryCallingCode === getCountryCallingCode(region)
        ? number.formatNational()
        : number.formatInternational(),
  };
}
