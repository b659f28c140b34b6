/**
 * The two-phase-locking manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configuration with its pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts two-phase-locking` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What two-phase-locking pins and documents. */
export const twoPhaseLockingManifest: Manifest = {
  seed: [
    {
      where: 'Transactions',
      text:
        'Data consistency semantics may impose constraints on the order in which requests or ' +
        'request parts can be processed',
    },
    {
      where: 'Transactions',
      text:
        'serializability allows parallelism but guarantees that outcome is equivalent to some ' +
        'serial order',
    },
    {
      where: 'Transactions',
      text:
        'transactions use synchronization primitives, such as locks, on individual data items, ' +
        'and follow locking rules to ensure ordering of groups of requests',
    },
  ],
  messages: [
    {
      type: 'submit',
      from: 'client',
      to: 'client',
      meaning:
        '`txn`, `ts`, `ops`, `mayAbort`: run transaction `txn` (timestamp `ts`, operations `rx`/`wy`) after the earlier ones',
    },
    {
      type: 'chooseAbort',
      from: 'client',
      to: 'client',
      meaning:
        'a choice: roll the running transaction back once its operations are done (if it may)',
    },
    {
      type: 'Read',
      from: 'client',
      to: 'server',
      meaning: '`txn`, `ts`, `item`: read `item` for `txn`, under a shared (S) lock',
    },
    {
      type: 'Write',
      from: 'client',
      to: 'server',
      meaning:
        '`txn`, `ts`, `item`, `value`: write `value` in place under an exclusive (X) lock, keeping a before-image',
    },
    {
      type: 'Commit',
      from: 'client',
      to: 'server',
      meaning: '`txn` committed: forget its before-images, release its locks',
    },
    {
      type: 'Abort',
      from: 'client',
      to: 'server',
      meaning:
        '`txn` aborted (rollback or killed): restore its before-images, drop its waiting request, release its locks',
    },
    {
      type: 'Unlock',
      from: 'client',
      to: 'server',
      meaning: 'non-strict mutant only: `txn` reached its lock point, release its locks now',
    },
    {
      type: 'ReadOk',
      from: 'server',
      to: 'client',
      meaning: '`txn`, `item`, `value`: the value read (null: the initial value)',
    },
    {
      type: 'WriteOk',
      from: 'server',
      to: 'client',
      meaning: '`txn`, `item`: the write is done',
    },
    {
      type: 'Die',
      from: 'server',
      to: 'client',
      meaning:
        'wait-die: `txn` is younger than a conflicting holder, it dies (aborts) instead of waiting',
    },
    {
      type: 'Retry',
      from: 'server',
      to: 'client',
      meaning:
        'wait-die: the transactions `txn` died for (holders, or requests ahead) have ended, restart it now',
    },
    {
      type: 'Wound',
      from: 'server',
      to: 'client',
      meaning: 'wound-wait: an older transaction wants a lock `txn` holds, abort and restart it',
    },
    {
      type: 'WaitsFor',
      from: 'server',
      to: 'detector',
      meaning:
        'wait-for graph: `txn` (timestamp `ts`, at node `client`) waits for `holders` to release `item`',
    },
    {
      type: 'Unblocked',
      from: 'server',
      to: 'detector',
      meaning: 'wait-for graph: `txn` no longer waits for `item` (granted, died or aborted)',
    },
    {
      type: 'Victim',
      from: 'detector',
      to: 'client',
      meaning: '`txn` is the youngest of a wait-for cycle: abort it and restart it',
    },
  ],
  checkedBy: {
    serializability: 'properties/serializability.ts',
    'lock-compatibility': 'properties/lock-compatibility.ts',
    'lock-fairness': 'properties/lock-fairness.ts',
    'transaction-progress': 'properties/transaction-progress.ts',
    'restart-commits': 'properties/restart-commits.ts',
  },
  configurations: [
    {
      nodes: 5,
      description:
        'three clients, one server (x and y on s0) and the detector; t0 = rx wy on c0, which may ' +
        'roll back; t1 = ry wx on c1; t2 = rx on c2',
      tier: 'fast',
      pins: [
        {
          variant: 'wait-for-graph',
          distinct: 31555,
          transitions: 63640,
          depth: 32,
          witnesses: { 'restart-commits': 18 },
        },
        {
          variant: 'wait-die',
          distinct: 5754,
          transitions: 9386,
          depth: 27,
          witnesses: { 'restart-commits': 13 },
        },
        {
          variant: 'wound-wait',
          distinct: 14915,
          transitions: 25121,
          depth: 29,
          witnesses: { 'restart-commits': 16 },
        },
      ],
      counterexamples: [
        {
          variant: 'non-two-phase',
          property: 'serializability',
          shows: '^G2: ',
          why: 't0 releases x after reading it and t1 releases y likewise, so each then writes what the other read: a cycle of anti-dependencies',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            's0 → c0  ReadOk{item:"x",txn:"t0",value:null}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
            'c0 → s0  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's0 → c0  WriteOk{item:"y",txn:"t0"}',
            's0 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
            's0 → c1  WriteOk{item:"x",txn:"t1"}',
          ],
        },
        {
          variant: 'read-without-lock',
          property: 'serializability',
          shows: '^G2: ',
          why: 'both reads take no lock, so both writes are granted at once: each transaction overwrites what the other read',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            's0 → c0  ReadOk{item:"x",txn:"t0",value:null}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
            'c0 → s0  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's0 → c0  WriteOk{item:"y",txn:"t0"}',
            's0 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
            's0 → c1  WriteOk{item:"x",txn:"t1"}',
          ],
        },
        {
          variant: 'no-deadlock-handling',
          property: 'transaction-progress',
          shows: 'deadlock',
          why: 't0 holds S on x and waits for X on y, t1 holds S on y and waits for X on x; nobody breaks the cycle, and t2 waits behind t1 (the system is then quiet)',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            's0 → c0  ReadOk{item:"x",txn:"t0",value:null}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
            'c0 → s0  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's0 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
            'c2 ← client submit{mayAbort:false,ops:["rx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
        {
          variant: 'non-strict',
          property: 'serializability',
          shows: '^G1a ',
          why: 't0 unlocks at its lock point, t1 reads its write of y, then t0 rolls back',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            's0 → c0  ReadOk{item:"x",txn:"t0",value:null}',
            'c0 → s0  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
            'c0 chooses chooseAbort',
            's0 → c0  WriteOk{item:"y",txn:"t0"}',
            'c0 → s0  Unlock{txn:"t0"}',
            's0 → c1  ReadOk{item:"y",txn:"t1",value:"t0.1"}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
            's0 → c1  WriteOk{item:"x",txn:"t1"}',
          ],
        },
        {
          variant: 'exclusive-shared',
          property: 'lock-compatibility',
          shows: 'granted',
          why: 't1 gets S on y while t0 holds X on it',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            's0 → c0  ReadOk{item:"x",txn:"t0",value:null}',
            'c0 → s0  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
          ],
        },
        {
          variant: 'barging-waiters',
          property: 'lock-fairness',
          shows: 'ahead of t1',
          why: 't1’s write of x waits for t0’s shared lock; t2’s read of x, compatible with t0 but not with t1, is granted past it (restarting readers doing this forever starve an upgrade)',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","wx"],ts:1,txn:"t1"}',
            'c1 → s0  Read{item:"y",ts:1,txn:"t1"}',
            's0 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
            'c2 ← client submit{mayAbort:false,ops:["rx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
      ],
    },
  ],
};
