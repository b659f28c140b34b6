/**
 * The primary-backup manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configuration with its pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts primary-backup 3` after a deliberate change (a minute or
 * more: the configuration explores 1.5 million states, so it is in the slow tier).
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What primary-backup pins and documents. */
export const primaryBackupManifest: Manifest = {
  seed: [
    {
      where: 'Server Groups Model',
      text:
        'Client-server architecture with replicated servers - server group hides individual ' +
        'servers from clients - open group architecture with well-known group name - servers ' +
        'may be organised to improve availability or performance',
    },
    {
      where: 'Groups to Enhance Availability: Highly Available Service Architecture',
      text: 'Goal fail-over support for high availability during upgrades or faults',
    },
    {
      where: 'Groups to Enhance Availability: consistency issues',
      text:
        'replicas must be synchronised to prevent repeated or missed actions; needs virtual ' +
        'synchrony and totally ordered, reliable communication',
    },
    {
      where: 'Groups to Enhance Availability: server group architecture',
      text: 'centralized approach (master & slaves)',
    },
  ],
  messages: [
    {
      type: 'invoke',
      from: 'client',
      to: 'client',
      meaning: '`f`, `key`: run `f` (incr or read) on `key`; queued while a request is outstanding',
    },
    {
      type: 'Request',
      from: 'client',
      to: 'server',
      meaning:
        "client `client`'s request number `r` for `f(key)`: to the master it believes in, on a retry to every server",
    },
    {
      type: 'Reply',
      from: 'server',
      to: 'client',
      meaning:
        'the master answers request `r` with `value` in view `view` (again from the duplicate table on a retry)',
    },
    {
      type: 'Update',
      from: 'server',
      to: 'server',
      meaning: 'master → slaves: append `entry` to the log of view `view`',
    },
    {
      type: 'Ack',
      from: 'server',
      to: 'server',
      meaning: 'slave → master: my log of view `view` holds `length` entries',
    },
    {
      type: 'Commit',
      from: 'server',
      to: 'server',
      meaning:
        'master → slaves: the first `upTo` entries of view `view` are committed: execute them',
    },
    {
      type: 'StartViewChange',
      from: 'server',
      to: 'server',
      meaning: 'a suspecting server proposes view `view` and asks every other server for its state',
    },
    {
      type: 'DoViewChange',
      from: 'server',
      to: 'server',
      meaning:
        'a promise to join view `view`, to its proposer, with the last view installed (`normal`), `log` and `committed`',
    },
    {
      type: 'StartView',
      from: 'server',
      to: 'server',
      meaning:
        "view `view`: its `members` (the lowest is master), `log` and `committed`; the coordinator's to the new master, the new master's to its slaves",
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'server',
      meaning:
        'suspicion: a server holding a client request it has not seen executed proposes a view change',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'client',
      meaning: 'retry: resend the outstanding request to every server',
    },
  ],
  checkedBy: {
    'no-missed-action': 'properties/no-missed-action.ts',
    'no-duplicate-action': 'properties/no-duplicate-action.ts',
    'prefix-consistency': 'properties/prefix-consistency.ts',
    linearizability: 'properties/key-value-spec.ts',
    'operations-complete': 'properties/operations-complete.ts',
    'fail-over': 'properties/fail-over.ts',
  },
  configurations: [
    {
      nodes: 3,
      description:
        'three servers and one client that increments x twice, one crash, two early timers (a client retry and a suspicion)',
      tier: 'slow',
      pins: [
        {
          variant: 'master-slaves',
          distinct: 1532767,
          transitions: 4769297,
          depth: 52,
          witnesses: { 'fail-over': 12 },
        },
      ],
      counterexamples: [
        {
          variant: 'reply-before-ack',
          property: 'no-missed-action',
          why: 'a wrong suspicion suffices: the view change excludes the master before its update reaches a slave',
          actions: [
            'c0 ← client invoke{f:"incr",key:"x"}',
            'c0 → s0  Request{client:"c0",f:"incr",key:"x",r:1}',
            'c0 timeout timeout',
            's0 → c0  Reply{r:1,value:1,view:0}',
            'c0 → s1  Request{client:"c0",f:"incr",key:"x",r:1}',
            's1 timeout timeout',
            's1 → s2  StartViewChange{view:1}',
            's2 → s1  DoViewChange{committed:0,log:[],normal:0,view:1}',
          ],
        },
        {
          variant: 'no-duplicate-table',
          property: 'no-duplicate-action',
          why: 'a retry of an executed request: the master logs it again and executes it once both slaves acknowledge (the Commits go first: FIFO)',
          actions: [
            'c0 ← client invoke{f:"incr",key:"x"}',
            'c0 → s0  Request{client:"c0",f:"incr",key:"x",r:1}',
            's0 → s1  Update{entry:{"at":3,"client":"c0","f":"incr","key":"x","r":1},view:0}',
            's0 → s2  Update{entry:{"at":3,"client":"c0","f":"incr","key":"x","r":1},view:0}',
            's1 → s0  Ack{length:1,view:0}',
            's2 → s0  Ack{length:1,view:0}',
            's0 → s1  Commit{upTo:1,view:0}',
            's0 → s2  Commit{upTo:1,view:0}',
            'c0 timeout timeout',
            'c0 → s0  Request{client:"c0",f:"incr",key:"x",r:1}',
            's0 → s1  Update{entry:{"at":3,"client":"c0","f":"incr","key":"x","r":1},view:0}',
            's0 → s2  Update{entry:{"at":3,"client":"c0","f":"incr","key":"x","r":1},view:0}',
            's1 → s0  Ack{length:2,view:0}',
            's2 → s0  Ack{length:2,view:0}',
          ],
        },
        {
          variant: 'deaf-client',
          property: 'operations-complete',
          shows: 'forever: steps 14-17 repeat',
          why: 's1 suspects the master (a retry reached it), s0 crashes, and s1 executes c0.1 as the new master; c0, which believes in s0, ignores every Reply of s1 and retries each time the timers expire: steps 14-17 repeat forever',
          actions: [
            'c0 ← client invoke{f:"incr",key:"x"}',
            'c0 ← client invoke{f:"incr",key:"x"}',
            'c0 timeout timeout',
            'c0 → s1  Request{client:"c0",f:"incr",key:"x",r:1}',
            's1 timeout timeout',
            's1 → s2  StartViewChange{view:1}',
            'crash s0',
            's2 → s1  DoViewChange{committed:0,log:[],normal:0,view:1}',
            's1 → s2  StartView{committed:0,log:[],members:[1,2],view:1}',
            's1 → s2  Update{entry:{"at":3,"client":"c0","f":"incr","key":"x","r":1},view:1}',
            's2 → s1  Ack{length:0,view:1}',
            's2 → s1  Ack{length:1,view:1}',
            's1 → s2  Commit{upTo:1,view:1}',
            's1 → c0  Reply{r:1,value:1,view:1}',
            'c0 → s2  Request{client:"c0",f:"incr",key:"x",r:1}',
            'timers expire',
            'c0 → s1  Request{client:"c0",f:"incr",key:"x",r:1}',
          ],
        },
      ],
    },
  ],
};
