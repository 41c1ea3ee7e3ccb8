import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { PACKET_ALG, PACKET_ENC } from "../lib/moderation/packet.ts";

export type AgentKeys = {
  kid: string;
  privateKey: CryptoKey;
  /** What GET /public-key serves. */
  publicKey: { kid: string; alg: typeof PACKET_ALG; enc: typeof PACKET_ENC; jwk: JWK };
};

const FILE = "private-key.jwk.json";

function publicPart(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

async function create(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(PACKET_ALG, { crv: "P-256", extractable: true });
  const jwk = await exportJWK(privateKey);
  try {
    // wx: when two agents share a data directory and start together, the first key wins.
    writeFileSync(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: "wx" });
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(readFileSync(file, "utf8"));
    throw error;
  }
}

/** The agent's P-256 key pair, generated once into the data directory (private JWK, mode 600). */
export async function loadOrCreateKeys(dataDir: string): Promise<AgentKeys> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FILE);
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`cannot read the key pair in ${file}: ${(error as Error).message}`);
    }
    jwk = await create(file);
  }
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d) {
    throw new Error(`${file} is not a P-256 private key`);
  }
  const kid = await calculateJwkThumbprint(publicPart(jwk), "sha256");
  const privateKey = (await importJWK(jwk, PACKET_ALG)) as CryptoKey;
  return {
    kid,
    privateKey,
    publicKey: {
      kid,
      alg: PACKET_ALG,
      enc: PACKET_ENC,
      jwk: { ...publicPart(jwk), kid, alg: PACKET_ALG, use: "enc" },
    },
  };
}
