/**
 * The renderer <-> shell bridge. To add a call (say `exportPdf`):
 * 1. `contract.ts`: add `exportPdf: { args: z.tuple([...]), result: ... }` to `methods` (payload schemas go in
 *    `schemas.ts` or a sibling file of your feature); an event goes in `events`.
 * 2. The shell: add `exportPdf` to the handlers map (`electron/main/handlers.ts`); the `DeskHandlers` type fails
 *    the build until it exists. Sender checks and argument parsing are done for every method already.
 * 3. The preload: add `exportPdf: (...args) => invoke('exportPdf', ...args)`; `satisfies DeskApi` fails until then.
 * 4. The browser host gets it for free through `dispatch()`.
 */
export * from './contract';
export * from './export';
export * from './schemas';
export * from './sync';
export * from './validate';
