// No imports: the browser bundle reads these too.
export const MAX_TEXT = 4096;
export const MAX_PAGE = 100;
