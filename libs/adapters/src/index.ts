/** Placeholder entry: the library arrives with its issue (see libs/adapters/README.md). */
export {};
