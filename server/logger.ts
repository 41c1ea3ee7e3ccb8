export const log = (line: string) => console.log(`[stu] ${line}`);
