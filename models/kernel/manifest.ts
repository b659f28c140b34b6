/**
 * A protocol's manifest: the facts about it that are pinned or documented rather than computed on
 * every run. Its bounded configurations with the exhaustive engine's pinned counts (TLA+ Examples
 * style), each mutant's shortest counterexample as the actions themselves, the seed's own words,
 * the message table and the file that checks each property. Tests, the generated protocol pages,
 * the bench and the exhaustive summary all read it, so every pin lives in one place.
 */

/** A passage of the client's specification (the seed's lecture notes), quoted word for word. */
export interface SeedQuote {
  /** The slide or section it comes from (`Server groups: fail-over`). */
  readonly where: string;
  /** The words themselves. */
  readonly text: string;
}

/** One message kind, or an event from the environment, as a reader implementing it needs it. */
export interface MessageDoc {
  /** The message type, as the machines name it (`Data`, `FlushAck`, `multicast`). */
  readonly type: string;
  /** Who sends it: a role, or `client`, `timer`, `kernel` for events from the environment. */
  readonly from: string;
  /** The role that handles it. */
  readonly to: string;
  /** Its fields and what it means, in one line. */
  readonly meaning: string;
}

/** A correct variant's pinned exhaustive figures on a bounded configuration. */
export interface Pin {
  /** The variant. */
  readonly variant: string;
  /** Distinct states. */
  readonly distinct: number;
  /** Transitions explored. */
  readonly transitions: number;
  /** Depth of the deepest state (breadth-first). */
  readonly depth: number;
  /** The depth of each `sometimes` witness (null: never reached). */
  readonly witnesses: Readonly<Record<string, number | null>>;
}

/** A mutant's shortest counterexample on a bounded configuration, found breadth-first. */
export interface Counterexample {
  /** The mutant. */
  readonly variant: string;
  /** The property it breaks. */
  readonly property: string;
  /** The trace's actions, one line each as charts print them (`describeAction`). */
  readonly actions: readonly string[];
  /** A regular expression the violation's message must match (what it must show). */
  readonly shows?: string;
  /** Why this is the shortest way to the violation, in a sentence. */
  readonly why?: string;
}

/**
 * A bounded configuration (the protocol's `bounded(nodes)`), explored fully by the exhaustive
 * engine. `slow` pins run in the slow test tier (CI still runs it).
 */
export interface BoundedConfiguration {
  /** The node count passed to `bounded`. */
  readonly nodes: number;
  /** What the configuration holds (inputs, faults), in a sentence. */
  readonly description: string;
  /** `fast` (the default suite) or `slow` (its own tier: searches of a million states and more). */
  readonly tier: 'fast' | 'slow';
  /** Each correct variant's pinned figures. */
  readonly pins: readonly Pin[];
  /** Each mutant's shortest counterexample. */
  readonly counterexamples: readonly Counterexample[];
}

/** Everything a protocol pins and documents besides its definition. */
export interface Manifest {
  /** The seed's own words on this protocol, quoted at the top of its page. */
  readonly seed: readonly SeedQuote[];
  /** The messages and environment events, by role. */
  readonly messages: readonly MessageDoc[];
  /** The file that checks each property (`properties/total-order.ts`), by property name. */
  readonly checkedBy: Readonly<Record<string, string>>;
  /** The bounded configurations with their pins. */
  readonly configurations: readonly BoundedConfiguration[];
}
