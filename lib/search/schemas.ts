import { z } from "zod";
import { idSchema } from "../chats/schemas.ts";
import { pageLimit } from "../http/cursor.ts";
import { text } from "../http/text.ts";
import { searchCursorSchema } from "./search-cursor.ts";

export const MAX_QUERY = 200;
export const MAX_RESULTS = 50;

export const searchQuerySchema = z.object({
  q: text().trim().min(1, "must not be empty").max(MAX_QUERY, `must be at most ${MAX_QUERY} characters`),
  chat_id: idSchema.optional(),
  cursor: searchCursorSchema.optional(),
  limit: pageLimit(MAX_RESULTS, 20),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;
