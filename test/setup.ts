import { configureGlobal } from 'fast-check';

// Property-based tests run with a fixed seed so that CI is reproducible; set FC_SEED to explore
// other seeds locally (fast-check prints the seed of any failure).
configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261125) });
