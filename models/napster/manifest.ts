/**
 * The Napster manifest: the seed's words, the message table, the file that checks each property,
 * and the bounded configurations with their pinned counts and shortest counterexamples. Re-pin
 * with `npx tsx scripts/pins.ts napster` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What napster pins and documents. */
export const napsterManifest: Manifest = {
  seed: [
    {
      where: 'Example Peer to Peer Systems: Napster',
      text: 'Centralized approach to coordination and query processing; Point to point (peer to peer) data transfer; Other systems such as TrueDisk take a similar approach, but with caching & translation also done at the server; Single point of failure/attack: server may be replicated, but service is easy to shut down',
    },
    {
      where: 'Unstructured Group Models: Proxies',
      text: 'Proxy: a node that plays the role of both a client and a server; in true peer to peer systems all nodes can be thought of as proxies',
    },
  ],
  messages: [
    {
      type: 'login',
      from: 'client',
      to: 'peer',
      meaning:
        'log in: send the index (request `f:"login"`) the list of files this peer shares, and start serving them',
    },
    {
      type: 'logout',
      from: 'client',
      to: 'peer',
      meaning: 'log out: stop serving, and ask the index (`f:"logout"`) to drop this peer’s files',
    },
    {
      type: 'search',
      from: 'client',
      to: 'peer',
      meaning:
        '`keyword`: ask the index (`f:"search"`) for every shared file whose name contains it',
    },
    {
      type: 'get',
      from: 'client',
      to: 'peer',
      meaning:
        '`file`: download it directly from the lowest other peer the latest search listed for it',
    },
    {
      type: 'Request',
      from: 'peer',
      to: 'index',
      meaning:
        '`client`, `r`, `f`, `key`: the peer’s request number `r` for `login` (key: its files, comma-separated), `logout` or `search` (key: the keyword); to the believed master, or on a retry to every index server (the primary-backup group’s own message)',
    },
    {
      type: 'Reply',
      from: 'index',
      to: 'peer',
      meaning:
        '`r`, `value`, `view`: the answer to request `r` (a search’s hits `[{peer, file}]`, 0 otherwise), sent once the index applied it (replicated: once committed)',
    },
    {
      type: 'Get',
      from: 'peer',
      to: 'peer',
      meaning: '`file`: send me this file (the transfer, never through the index)',
    },
    {
      type: 'File',
      from: 'peer',
      to: 'peer',
      meaning: '`file`, `data`: the file’s contents, from a peer logged in and sharing it',
    },
    {
      type: 'Unavailable',
      from: 'peer',
      to: 'peer',
      meaning: '`file`: not served here (logged out, or not shared)',
    },
    {
      type: 'Update',
      from: 'index',
      to: 'index',
      meaning: 'replicated: master → backups, append `entry` to view `view`’s log (primary-backup)',
    },
    {
      type: 'Ack',
      from: 'index',
      to: 'index',
      meaning: 'replicated: backup → master, my log of view `view` holds `length` entries',
    },
    {
      type: 'Commit',
      from: 'index',
      to: 'index',
      meaning: 'replicated: master → backups, apply the log up to `upTo`',
    },
    {
      type: 'StartViewChange',
      from: 'index',
      to: 'index',
      meaning: 'replicated: a backup suspecting the master proposes view `view`',
    },
    {
      type: 'DoViewChange',
      from: 'index',
      to: 'index',
      meaning: 'replicated: a promise to join view `view`, with this server’s log and commit point',
    },
    {
      type: 'StartView',
      from: 'index',
      to: 'index',
      meaning: 'replicated: the new view’s members (lowest is master), log and commit point',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'peer, index',
      meaning:
        'peer: resend an unanswered request (to every index server when replicated) or download, giving up after `attempts` sends; replicated index: a backup holding a request suspects the master and starts a view change',
    },
  ],
  checkedBy: {
    'search-complete': 'properties/napster-search.ts',
    'searches-answered': 'properties/napster-search.ts',
    'get-from-listed-peer': 'properties/napster-transfer.ts',
    'data-peer-to-peer': 'properties/napster-transfer.ts',
    'no-answer-without-index': 'properties/napster-search.ts',
    'search-after-index-crash': 'properties/napster-search.ts',
    'requests-end': 'properties/napster-requests.ts',
  },
  configurations: [
    {
      nodes: 1,
      description:
        'three index servers (the central variant uses i0 only); one peer p0 sharing a.mp3 that logs in, searches for “a” and logs out, in any order; one crash, one early timer, four sends of a request before giving up',
      tier: 'fast',
      pins: [
        {
          variant: 'central-index',
          distinct: 4577,
          transitions: 7996,
          depth: 16,
          witnesses: { 'search-after-index-crash': 8 },
        },
        {
          variant: 'replicated-index',
          distinct: 301709,
          transitions: 776359,
          depth: 44,
          witnesses: { 'search-after-index-crash': 14 },
        },
      ],
      counterexamples: [
        {
          variant: 'forgets-logouts',
          property: 'search-complete',
          why: 'the index acknowledges p0’s logout but keeps its file, and p0’s next search lists p0 itself',
          actions: [
            'p0 ← client login',
            'p0 → i0  Request{client:"p0",f:"login",key:"a.mp3",r:1}',
            'i0 → p0  Reply{r:1,value:0,view:0}',
            'p0 ← client logout',
            'p0 → i0  Request{client:"p0",f:"logout",key:"",r:2}',
            'i0 → p0  Reply{r:2,value:0,view:0}',
            'p0 ← client search{keyword:"a"}',
            'p0 → i0  Request{client:"p0",f:"search",key:"a",r:3}',
            'i0 → p0  Reply{r:3,value:[{"file":"a.mp3","peer":3}],view:0}',
          ],
        },
        {
          variant: 'stale-replica',
          property: 'search-complete',
          why: 'the master commits p0’s login and acknowledges it; the search, sent to every replica, is answered first by backup i1, which has not received the Commit yet',
          actions: [
            'p0 ← client login',
            'p0 → i0  Request{client:"p0",f:"login",key:"a.mp3",r:1}',
            'i0 → i1  Update{entry:{"at":3,"client":"p0","f":"login","key":"a.mp3","r":1},view:0}',
            'i0 → i2  Update{entry:{"at":3,"client":"p0","f":"login","key":"a.mp3","r":1},view:0}',
            'i1 → i0  Ack{length:1,view:0}',
            'i2 → i0  Ack{length:1,view:0}',
            'i0 → p0  Reply{r:1,value:0,view:0}',
            'p0 ← client search{keyword:"a"}',
            'p0 → i1  Request{client:"p0",f:"search",key:"a",r:2}',
            'i1 → p0  Reply{r:2,value:[],view:0}',
          ],
        },
        {
          variant: 'impatient-peer',
          property: 'searches-answered',
          why: 'p0 gives up its login at an early timer, then its search goes to the crashed master and is given up at the first timeout, before the backups take over',
          actions: [
            'p0 ← client login',
            'p0 ← client search{keyword:"a"}',
            'p0 ← client logout',
            'p0 timeout timeout',
            'crash i0',
            'timers expire',
            'timers expire',
          ],
        },
        {
          variant: 'uncounted-retries',
          property: 'requests-end',
          shows: 'never ended, forever: steps 5-5 repeat',
          why: 'the index crashed; p0 resends its login on every timeout and, counting no retry, never gives up: timers expire forever (a fair cycle) and the login never ends',
          actions: [
            'crash i0',
            'p0 ← client login',
            'p0 ← client search{keyword:"a"}',
            'p0 ← client logout',
            'timers expire',
          ],
        },
      ],
    },
    {
      nodes: 2,
      description:
        'three index servers; p0 shares a.mp3 and logs in and out, p1 searches for “a” and downloads a.mp3 from the peer listed; one crash, one early timer, four sends of a request (the replicated index is not pinned here: its search runs to tens of millions of states)',
      tier: 'slow',
      pins: [
        {
          variant: 'central-index',
          distinct: 179279,
          transitions: 340715,
          depth: 18,
          witnesses: { 'search-after-index-crash': 9 },
        },
      ],
      counterexamples: [
        {
          variant: 'forgets-logouts',
          property: 'search-complete',
          why: 'the index acknowledges p0’s logout but keeps its file, and p1’s search lists p0',
          actions: [
            'p0 ← client login',
            'p0 → i0  Request{client:"p0",f:"login",key:"a.mp3",r:1}',
            'i0 → p0  Reply{r:1,value:0,view:0}',
            'p0 ← client logout',
            'p0 → i0  Request{client:"p0",f:"logout",key:"",r:2}',
            'i0 → p0  Reply{r:2,value:0,view:0}',
            'p1 ← client search{keyword:"a"}',
            'p1 → i0  Request{client:"p1",f:"search",key:"a",r:1}',
            'i0 → p1  Reply{r:1,value:[{"file":"a.mp3","peer":3}],view:0}',
          ],
        },
        {
          variant: 'stale-replica',
          property: 'search-complete',
          why: 'p1’s search, sent to every replica, is answered first by backup i1, which has not received the Commit of p0’s login yet',
          actions: [
            'p0 ← client login',
            'p0 → i0  Request{client:"p0",f:"login",key:"a.mp3",r:1}',
            'i0 → i1  Update{entry:{"at":3,"client":"p0","f":"login","key":"a.mp3","r":1},view:0}',
            'i0 → i2  Update{entry:{"at":3,"client":"p0","f":"login","key":"a.mp3","r":1},view:0}',
            'i1 → i0  Ack{length:1,view:0}',
            'i2 → i0  Ack{length:1,view:0}',
            'i0 → p0  Reply{r:1,value:0,view:0}',
            'p1 ← client search{keyword:"a"}',
            'p1 → i1  Request{client:"p1",f:"search",key:"a",r:1}',
            'i1 → p1  Reply{r:1,value:[],view:0}',
          ],
        },
        {
          variant: 'impatient-peer',
          property: 'searches-answered',
          why: 'p1’s search goes to the crashed master and p1 gives up at its first timeout, before the backups take over',
          actions: [
            'p0 ← client login',
            'p0 ← client logout',
            'p1 ← client search{keyword:"a"}',
            'p1 ← client get{file:"a.mp3"}',
            'p0 timeout timeout',
            'crash i0',
            'timers expire',
          ],
        },
        {
          variant: 'uncounted-retries',
          property: 'requests-end',
          shows: 'never ended, forever: steps 6-6 repeat',
          why: 'the index crashed; p0 resends its login on every timeout and, counting no retry, never gives up: timers expire forever (a fair cycle)',
          actions: [
            'crash i0',
            'p0 ← client login',
            'p0 ← client logout',
            'p1 ← client search{keyword:"a"}',
            'p1 ← client get{file:"a.mp3"}',
            'timers expire',
          ],
        },
      ],
    },
  ],
};
