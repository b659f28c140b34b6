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
    'locked-operations': 'properties/locked-operations.ts',
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
          shows: '^G2',
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
          property: 'locked-operations',
          shows: 'held no lock',
          why: 't0’s first read is served with no lock taken',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["rx","wy"],ts:0,txn:"t0"}',
            'c0 → s0  Read{item:"x",ts:0,txn:"t0"}',
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
        {
          variant: 'die-as-busy',
          property: 'transaction-progress',
          shows: 'forever: steps 13-14 repeat',
          why: 't0 holds S on x and waits for X on y, which t1 holds; t1 is younger, so its write of x dies, and it sends the write again instead of aborting: Die and the same Write repeat forever (a fair cycle once t2 is done) and neither t0 nor t1 ends',
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
            's0 → c2  ReadOk{item:"x",txn:"t2",value:null}',
            'c2 → s0  Commit{txn:"t2"}',
            's0 → c1  Die{txn:"t1"}',
            'c1 → s0  Write{item:"x",ts:1,txn:"t1",value:"t1.1"}',
          ],
        },
      ],
    },
    {
      nodes: 6,
      description:
        'three clients, two servers (x on s0, y on s1) and the detector; t0 = wx wy wx on c0, which ' +
        'may roll back (writes x twice, holds s0 while it locks at s1 and back); t1 = ry rx on c1 ' +
        '(waits at s1, then at s0; deadlocks with t0 across the servers); t2 = rx wx on c2 (an upgrade)',
      tier: 'slow',
      pins: [
        {
          variant: 'wait-for-graph',
          distinct: 103618,
          transitions: 312898,
          depth: 43,
          witnesses: { 'restart-commits': 22 },
        },
        {
          variant: 'wait-die',
          distinct: 16966,
          transitions: 34235,
          depth: 44,
          witnesses: { 'restart-commits': 17 },
        },
        {
          variant: 'wound-wait',
          distinct: 65436,
          transitions: 139945,
          depth: 38,
          witnesses: { 'restart-commits': 19 },
        },
      ],
      counterexamples: [
        {
          variant: 'non-two-phase',
          property: 'serializability',
          shows: '^G1b ',
          why: 't0 releases each lock right after its write, so t1 reads y and then t0’s first write of x, which t0 then overwrites (an intermediate read)',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            'c0 → s1  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's1 → c0  WriteOk{item:"y",txn:"t0"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","rx"],ts:1,txn:"t1"}',
            'c1 → s1  Read{item:"y",ts:1,txn:"t1"}',
            's1 → c1  ReadOk{item:"y",txn:"t1",value:"t0.1"}',
            'c1 → s0  Read{item:"x",ts:1,txn:"t1"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.2"}',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            's0 → c1  ReadOk{item:"x",txn:"t1",value:"t0.0"}',
          ],
        },
        {
          variant: 'read-without-lock',
          property: 'locked-operations',
          shows: 'held no lock',
          why: 't1’s first read is served at s1 with no lock taken',
          actions: [
            'c1 ← client submit{mayAbort:false,ops:["ry","rx"],ts:1,txn:"t1"}',
            'c1 → s1  Read{item:"y",ts:1,txn:"t1"}',
          ],
        },
        {
          variant: 'no-deadlock-handling',
          property: 'transaction-progress',
          shows: 'deadlock',
          why: 't0 holds X on x at s0 and waits for y at s1, where t1 holds S and then waits for x at s0: a deadlock across the two servers that no one breaks; t2 waits behind it',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","rx"],ts:1,txn:"t1"}',
            'c1 → s1  Read{item:"y",ts:1,txn:"t1"}',
            'c0 → s1  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's1 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Read{item:"x",ts:1,txn:"t1"}',
            'c2 ← client submit{mayAbort:false,ops:["rx","wx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
        {
          variant: 'non-strict',
          property: 'serializability',
          shows: '^G1a ',
          why: 't0 unlocks at its lock point after writing x twice, t2 reads its second write, then t0 rolls back',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            'c0 → s1  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's1 → c0  WriteOk{item:"y",txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.2"}',
            'c2 ← client submit{mayAbort:false,ops:["rx","wx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
            'c0 chooses chooseAbort',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            'c0 → s0  Unlock{txn:"t0"}',
            's0 → c2  ReadOk{item:"x",txn:"t2",value:"t0.2"}',
            'c2 → s0  Write{item:"x",ts:2,txn:"t2",value:"t2.1"}',
            's0 → c2  WriteOk{item:"x",txn:"t2"}',
          ],
        },
        {
          variant: 'exclusive-shared',
          property: 'lock-compatibility',
          shows: 'granted',
          why: 't2 gets S on x while t0 holds X on it',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            'c2 ← client submit{mayAbort:false,ops:["rx","wx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
        {
          variant: 'barging-waiters',
          property: 'lock-fairness',
          shows: 'ahead of t0',
          why: 't0’s write of x waits for t1’s shared lock; t2’s read of x, compatible with t1 but not with t0, is granted past it',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","rx"],ts:1,txn:"t1"}',
            'c1 → s1  Read{item:"y",ts:1,txn:"t1"}',
            's1 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Read{item:"x",ts:1,txn:"t1"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            'c2 ← client submit{mayAbort:false,ops:["rx","wx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
        {
          variant: 'die-as-busy',
          property: 'transaction-progress',
          shows: 'forever: steps 11-14 repeat',
          why: 't0 holds X on x and waits for y at s1, which t1 holds; t1 and t2, younger than t0, die at s0 asking for x and send their reads again instead of aborting: both Die-and-Read loops repeat forever and no transaction ends',
          actions: [
            'c0 ← client submit{mayAbort:true,ops:["wx","wy","wx"],ts:0,txn:"t0"}',
            'c0 → s0  Write{item:"x",ts:0,txn:"t0",value:"t0.0"}',
            's0 → c0  WriteOk{item:"x",txn:"t0"}',
            'c1 ← client submit{mayAbort:false,ops:["ry","rx"],ts:1,txn:"t1"}',
            'c1 → s1  Read{item:"y",ts:1,txn:"t1"}',
            'c0 → s1  Write{item:"y",ts:0,txn:"t0",value:"t0.1"}',
            's1 → c1  ReadOk{item:"y",txn:"t1",value:null}',
            'c1 → s0  Read{item:"x",ts:1,txn:"t1"}',
            'c2 ← client submit{mayAbort:false,ops:["rx","wx"],ts:2,txn:"t2"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
            's0 → c1  Die{txn:"t1"}',
            's0 → c2  Die{txn:"t2"}',
            'c1 → s0  Read{item:"x",ts:1,txn:"t1"}',
            'c2 → s0  Read{item:"x",ts:2,txn:"t2"}',
          ],
        },
      ],
    },
  ],
};
