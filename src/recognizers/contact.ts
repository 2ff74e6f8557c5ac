import { digitCount, findEmails, INTERNATIONAL_PHONE, LOCAL_PHONE, PHONE } from './personalData';

/** Contact details a visitor gave: an email address or a phone number, as typed. */
export interface ContactDetails {
    kind: 'email' | 'phone';
    value: string;
}

/**
 * How much of a reply is searched for contact details. A reply to "how can an advisor reach you?" is a line; a reply
 * longer than 2,000 characters is not contact details, and they come first in what people write. The finders are
 * linear (./personalData.ts); the bound keeps what one turn can cost small all the same.
 */
export const MAX_CONTACT_SEARCH = 2_000;

/**
 * Finds an email address, else a phone number, in what a visitor typed; undefined when there is neither.
 * @remarks Any case or script ("Mary@Example.com", "josé@exämple.com"); North American numbers with or without the
 * area code ("(555) 123-4567", "555 1234") and international ones ("+44 20 7946 0958"). Only the first
 * `MAX_CONTACT_SEARCH` characters are searched.
 */
export function findContact(text: string): ContactDetails | undefined {
    const searched = text.slice(0, MAX_CONTACT_SEARCH);
    const email = findEmails(searched)[0];
    if (email) return { kind: 'email', value: searched.slice(email.start, email.end) };
    for (const pattern of [PHONE, INTERNATIONAL_PHONE, LOCAL_PHONE]) {
        for (const found of searched.matchAll(pattern)) {
            const digits = digitCount(found[0]);
            if (digits >= 7 && digits <= 15) return { kind: 'phone', value: found[0].trim() };
        }
    }
    return undefined;
}
