/** The recognizers that read states, pay figures, yes/no answers and contact details out of what users type. */
export { US_JURISDICTIONS, findAllJurisdictions, findJurisdiction } from './usStates';
export type { UsJurisdiction } from './usStates';
export { findPayAmount } from './money';
export type { PayAmount, PayPeriod } from './money';
export { declines, isUndecided, readLiking, readYesNo } from './yesNo';
export { findContact } from './contact';
export type { ContactDetails } from './contact';
