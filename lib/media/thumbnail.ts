import sharp from "sharp";

export const THUMBNAIL_MAX = 320;
export const THUMBNAIL_TYPE = "image/webp";

export type Thumbnail = {
  data: Buffer;
  width: number;
  height: number;
  sourceWidth: number;
  sourceHeight: number;
};

/**
 * A WebP at most 320 px on its longer side, turned upright by EXIF orientation, with the upright
 * size of the source. Null when sharp cannot decode the image: the file is still kept, just without
 * a preview.
 */
export async function makeThumbnail(image: Buffer): Promise<Thumbnail | null> {
  try {
    const meta = await sharp(image).metadata();
    const { data, info } = await sharp(image)
      .rotate()
      .resize(THUMBNAIL_MAX, THUMBNAIL_MAX, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
    return {
      data,
      width: info.width,
      height: info.height,
      sourceWidth: upright.width,
      sourceHeight: upright.height,
    };
  } catch {
    return null;
  }
}
