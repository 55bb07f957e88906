/** DI tokens of the ledger capability. */
export const LEDGER_TABLES = Symbol('LEDGER_TABLES');
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
