import { getDb } from "../db/client.ts";

export type PushSettings = { previews: boolean };

export async function getPushSettings(userId: number): Promise<PushSettings> {
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: userId },
    select: { pushPreviews: true },
  });
  return { previews: user.pushPreviews };
}

export async function setPushSettings(userId: number, settings: PushSettings): Promise<PushSettings> {
  const user = await getDb().user.update({
    where: { id: userId },
    data: { pushPreviews: settings.previews },
    select: { pushPreviews: true },
  });
  return { previews: user.pushPreviews };
}
