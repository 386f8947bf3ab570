/** Placeholder entry: the library arrives with its issue (see libs/lora/README.md). */
export {};
