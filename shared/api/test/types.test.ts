/**
 * The interfaces the core computes with and the contract's schemas describe the same values: checked
 * at compile time (tsc in `npm run lint` runs over this file), so neither can change alone.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { type ErrorBody, ServiceError } from '../../api/index.js';
import type { ApiErrorSchema, IssueSchema, LedgerMetaSchema, LedgerRowSchema, StatsRowSchema } from '../../contract.js';
import type { Issue, LedgerMeta, LedgerRow } from '../../ledger/types.js';
import type { StatsRow } from '../../stats.js';

describe('interfaces and schemas cannot drift', () => {
  it('LedgerRow, Issue, LedgerMeta and StatsRow are what their schemas parse to', () => {
    expectTypeOf<z.infer<typeof LedgerRowSchema>>().toEqualTypeOf<LedgerRow>();
    expectTypeOf<z.infer<typeof IssueSchema>>().toEqualTypeOf<Issue>();
    expectTypeOf<z.infer<typeof LedgerMetaSchema>>().toEqualTypeOf<LedgerMeta>();
    expectTypeOf<z.infer<typeof StatsRowSchema>>().toEqualTypeOf<StatsRow>();
  });

  it('the error body the Worker builds is the one the client parses', () => {
    expectTypeOf<z.infer<typeof ApiErrorSchema>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf(new ServiceError(409, 'x', '本期已确认').toJSON()).toEqualTypeOf<ErrorBody>();
  });
});
