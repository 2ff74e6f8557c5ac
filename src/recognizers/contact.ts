import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';

/** Contact details a visitor gave: an email address or a phone number, as typed. */
export interface ContactDetails {
    kind: 'email' | 'phone';
    value: string;
}

// recognizePhoneNumber misses "(555) 123-4567" and "+1 555 123 4567" inside a sentence.
const US_PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/;
const INTERNATIONAL_PHONE = /\+\d[\d\s().-]{7,18}\d/;

/** Finds an email address, else a phone number, in what a visitor typed; undefined when there is neither. */
export function findContact(text: string): ContactDetails | undefined {
    const email = recognizeEmail(text, Culture.English)[0];
    if (email) return { kind: 'email', value: email.text };
    const phone = US_PHONE.exec(text)?.[0] ?? INTERNATIONAL_PHONE.exec(text)?.[0] ?? recognizePhoneNumber(text, Culture.English)[0]?.text;
    const digits = phone?.replace(/\D/g, '') ?? '';
    return phone && digits.length >= 7 && digits.length <= 15 ? { kind: 'phone', value: phone.trim() } : undefined;
}
