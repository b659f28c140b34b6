/**
 * The bootstrap node (Narada's rendezvous point): a joiner asks it for members and links to some
 * of them. It remembers every member that asked, and forgets one that says it leaves; it does not
 * know of crashes, so a joiner may be told of a dead member (and finds out by its timer).
 *
 * Source: Chu, Rao, Zhang, SIGMETRICS 2000, section 3.1 (a new member obtains a list of group
 * members by an out-of-band bootstrap mechanism); the seed: "let new nodes find their local routers".
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import type { BootInput, Hello, Leave, Welcome } from './messages.ts';
import { minus, union } from './routing.ts';

/** The bootstrap node's state: the members it knows of. */
export interface BootContext {
  readonly members: readonly number[];
}

const kit = roleKit<{
  context: BootContext;
  events: Hello | Leave;
  sends: Omit<Welcome, 'from'>;
  input: BootInput;
}>();

/** The bootstrap machine. */
export const bootstrap = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    welcome: kit.on('Hello', ({ context, event, out }) => {
      out.send(event.from, { type: 'Welcome', members: minus(context.members, [event.from]) });
      return { members: union(context.members, [event.from]) };
    }),
    forget: kit.on('Leave', ({ context, event }) => ({
      members: minus(context.members, [event.from]),
    })),
  },
}).createMachine({
  id: 'bootstrap',
  context: ({ input }) => ({ members: input.members }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        Hello: { actions: 'welcome' },
        Leave: { actions: 'forget' },
      },
    },
  },
});
