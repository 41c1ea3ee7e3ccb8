import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type S3Server = { endpoint: string; bucket: string; stop(): Promise<void> };

/** A local S3-compatible server (s3rver, files in a temporary directory) with one bucket. */
export async function startS3Server(bucket = "stu-test"): Promise<S3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "stu-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
