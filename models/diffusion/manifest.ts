/**
 * The diffusion manifest: the seed's words, the message table, the file that checks each property,
 * and the bounded configurations with their pinned counts and shortest counterexamples. Re-pin with
 * `npx tsx scripts/pins.ts diffusion` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What diffusion pins and documents. */
export const diffusionManifest: Manifest = {
  seed: [
    {
      where: 'Server Groups Model',
      text: 'servers may be organised to improve availability or performance',
    },
    {
      where: 'Groups to Enhance Performance: Server Groups Model for Performance',
      text: 'Server groups process different requests in parallel',
    },
    {
      where: 'High Performance Service Architecture',
      text:
        'Each server handles a different request - Diffusion mechanism hands out requests - ' +
        'Consolidation is trivial servers send result directly to client. Or, each server ' +
        'computes a different part of the result - Diffusion mechanism distributes request parts ' +
        '- Consolidation mechanism combines result parts',
    },
    {
      where: 'Coordination: Transactions',
      text:
        'Data consistency semantics may impose constraints on the order in which requests or ' +
        'request parts can be processed - serialization degrades performance - serializability ' +
        'allows parallelism but guarantees that outcome is equivalent to some serial order',
    },
  ],
  messages: [
    {
      type: 'request',
      from: 'client',
      to: 'client',
      meaning:
        '`req`, `input`, `key`: make request `req` on `input`, touching data item `key` (or none)',
    },
    {
      type: 'Request',
      from: 'client',
      to: 'diffuser',
      meaning: 'request `req` on `input` (and `key`), to the group; a duplicate is ignored',
    },
    {
      type: 'Work',
      from: 'diffuser',
      to: 'worker',
      meaning:
        'compute part `part` of `parts` of `req` on `slice`, after `base` (a whole keyed request: the item’s value); `direct`: answer client `client` yourself',
    },
    {
      type: 'Done',
      from: 'worker',
      to: 'diffuser',
      meaning:
        'part `part` of `parts` of `req` computed as `result`: ends a whole request, or is consolidated; a late or duplicated one is discarded',
    },
    {
      type: 'Answer',
      from: 'worker or diffuser',
      to: 'client',
      meaning:
        'the answer `result` to `req`: from the worker of a whole request, or from the consolidator once all parts are in; a second one is discarded',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'diffuser',
      meaning:
        'the outstanding parts are presumed lost: their workers are suspected and each part is dispatched again to another worker',
    },
  ],
  checkedBy: {
    'exactly-once-answer': 'properties/exactly-once-answer.ts',
    'consolidated-result': 'properties/consolidated-result.ts',
    'parts-consolidated': 'properties/parts-consolidated.ts',
    'serial-data': 'properties/serial-data.ts',
    'no-pending-request': 'properties/exactly-once-answer.ts',
    'request-progress': 'properties/request-progress.ts',
    'request-answered': 'properties/exactly-once-answer.ts',
  },
  configurations: [
    {
      nodes: 2,
      description:
        "two workers; r0 = 'ab' and r1 = 'c', both on data item x; requests split in two parts; one crash, one early timer (a slow worker), one duplicated message",
      tier: 'fast',
      pins: [
        {
          variant: 'round-robin',
          distinct: 24409,
          transitions: 93166,
          depth: 17,
          witnesses: { 'request-answered': 4 },
        },
        {
          variant: 'least-loaded',
          distinct: 24163,
          transitions: 92494,
          depth: 18,
          witnesses: { 'request-answered': 4 },
        },
        {
          variant: 'request-parts',
          distinct: 36389,
          transitions: 129550,
          depth: 19,
          witnesses: { 'request-answered': 5 },
        },
      ],
      counterexamples: [
        {
          variant: 'early-consolidation',
          property: 'consolidated-result',
          shows: 'got "A" for r0',
          why: 'the consolidator answers as soon as the first part is in: one request, one part dispatched and returned',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'answer-per-part',
          property: 'consolidated-result',
          shows: 'got "A" for r0',
          why: 'the consolidator answers with the first part to come back, before the second is in',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'arrival-order',
          property: 'consolidated-result',
          shows: 'got "BA" for r0',
          why: 'both parts dispatched, the second returns first: the consolidator concatenates "B" before "A"',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'd \u2192 w1  Work{base:"",client:0,direct:false,part:1,parts:2,req:"r0",slice:"b"}',
            'w1 \u2192 d  Done{direct:false,part:1,parts:2,req:"r0",result:"B"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"BA"}',
          ],
        },
        {
          variant: 'parts-keep-late',
          property: 'parts-consolidated',
          shows: 'consolidated part 0 of r0 a second time',
          why: "the worker's Done is duplicated (an early timer and a re-dispatch make the same late answer, one action longer): the consolidator takes part 0 twice",
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'duplicate w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'client-keeps-late',
          property: 'exactly-once-answer',
          shows: 'answer to r0 a second time',
          why: "the worker's Answer is duplicated (an early timer and a re-dispatch to the other worker make the same late answer, one action longer): the client takes both",
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r0",slice:"ab"}',
            'duplicate w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
          ],
        },
        {
          variant: 'no-coordination',
          property: 'serial-data',
          shows: 'no serial order gives both',
          why: 'two requests on x run at once from the same old value: "AB" and "C" cannot both be the value of x after a request',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r0",slice:"ab"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'd \u2192 w1  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r1",slice:"c"}',
            'w1 \u2192 c  Answer{req:"r1",result:"C"}',
          ],
        },
        {
          variant: 'no-redispatch',
          property: 'no-pending-request',
          shows: 'still pending at quiescence',
          why: 'the work for r0 is in flight to w0 when it crashes; nothing dispatches it again',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'crash w0',
          ],
        },
        {
          variant: 'retries-same-worker',
          property: 'request-progress',
          shows: 'never answered, forever: steps 7-7 repeat',
          why: 'the work for r0 is in flight to w0 when it crashes; the timer sends it to w0 again and again (r1 waits behind it on x): steps 7-7 repeat forever (a fair cycle)',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'crash w0',
            'timers expire',
            'timers expire',
          ],
        },
      ],
    },
    {
      nodes: 3,
      description: 'the same at three workers',
      tier: 'slow',
      pins: [
        {
          variant: 'round-robin',
          distinct: 40472,
          transitions: 163833,
          depth: 18,
          witnesses: { 'request-answered': 4 },
        },
        {
          variant: 'least-loaded',
          distinct: 33460,
          transitions: 127771,
          depth: 18,
          witnesses: { 'request-answered': 4 },
        },
        {
          variant: 'request-parts',
          distinct: 74239,
          transitions: 278865,
          depth: 20,
          witnesses: { 'request-answered': 5 },
        },
      ],
      counterexamples: [
        {
          variant: 'early-consolidation',
          property: 'consolidated-result',
          shows: 'got "A" for r0',
          why: 'the consolidator answers as soon as the first part is in: one request, one part dispatched and returned',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'answer-per-part',
          property: 'consolidated-result',
          shows: 'got "A" for r0',
          why: 'the consolidator answers with the first part to come back, before the second is in',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'arrival-order',
          property: 'consolidated-result',
          shows: 'got "BA" for r0',
          why: 'both parts dispatched, the second returns first: the consolidator concatenates "B" before "A"',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'd \u2192 w1  Work{base:"",client:0,direct:false,part:1,parts:2,req:"r0",slice:"b"}',
            'w1 \u2192 d  Done{direct:false,part:1,parts:2,req:"r0",result:"B"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'd \u2192 c  Answer{req:"r0",result:"BA"}',
          ],
        },
        {
          variant: 'parts-keep-late',
          property: 'parts-consolidated',
          shows: 'consolidated part 0 of r0 a second time',
          why: "the worker's Done is duplicated (an early timer and a re-dispatch make the same late answer, one action longer): the consolidator takes part 0 twice",
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:false,part:0,parts:2,req:"r0",slice:"a"}',
            'duplicate w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
            'w0 \u2192 d  Done{direct:false,part:0,parts:2,req:"r0",result:"A"}',
          ],
        },
        {
          variant: 'client-keeps-late',
          property: 'exactly-once-answer',
          shows: 'answer to r0 a second time',
          why: "the worker's Answer is duplicated (an early timer and a re-dispatch to the other worker make the same late answer, one action longer): the client takes both",
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r0",slice:"ab"}',
            'duplicate w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
          ],
        },
        {
          variant: 'no-coordination',
          property: 'serial-data',
          shows: 'no serial order gives both',
          why: 'two requests on x run at once from the same old value: "AB" and "C" cannot both be the value of x after a request',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'd \u2192 w0  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r0",slice:"ab"}',
            'w0 \u2192 c  Answer{req:"r0",result:"AB"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'd \u2192 w1  Work{base:"",client:0,direct:true,part:0,parts:1,req:"r1",slice:"c"}',
            'w1 \u2192 c  Answer{req:"r1",result:"C"}',
          ],
        },
        {
          variant: 'no-redispatch',
          property: 'no-pending-request',
          shows: 'still pending at quiescence',
          why: 'the work for r0 is in flight to w0 when it crashes; nothing dispatches it again',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'crash w0',
          ],
        },
        {
          variant: 'retries-same-worker',
          property: 'request-progress',
          shows: 'never answered, forever: steps 7-7 repeat',
          why: 'the work for r0 is in flight to w0 when it crashes; the timer sends it to w0 again and again (r1 waits behind it on x): steps 7-7 repeat forever (a fair cycle)',
          actions: [
            'c \u2190 client request{input:"ab",key:"x",req:"r0"}',
            'c \u2192 d  Request{input:"ab",key:"x",req:"r0"}',
            'c \u2190 client request{input:"c",key:"x",req:"r1"}',
            'c \u2192 d  Request{input:"c",key:"x",req:"r1"}',
            'crash w0',
            'timers expire',
            'timers expire',
          ],
        },
      ],
    },
  ],
};
