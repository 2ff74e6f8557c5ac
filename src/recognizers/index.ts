/** The recognizers that read states, pay figures and yes/no answers out of what users type. */
export { US_JURISDICTIONS, findAllJurisdictions, findJurisdiction } from './usStates';
export type { UsJurisdiction } from './usStates';
export { findPayAmount } from './money';
export type { PayAmount, PayPeriod } from './money';
export { readYesNo } from './yesNo';
