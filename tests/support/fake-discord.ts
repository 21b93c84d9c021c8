/** Entry point for the loopback fake Discord; the implementation lives in ./fake-discord/. */
export * from './fake-discord/index.ts';
