import type { ReportPacket } from "../../lib/moderation/packet.ts";
import type { Signal } from "./signal.ts";

/** The author's activity as stu measured it when the report came in (the packet's `author`). */
export type AuthorActivity = ReportPacket["author"];

/** The numbers that turn activity into spam evidence; named so the README and tests can cite them. */
export const SPAM_RULES = {
  /** Same text in this many chats within 24 h (copy-paste broadcasting). */
  sameTextChats: [
    { atLeast: 10, weight: 0.95 },
    { atLeast: 5, weight: 0.85 },
    { atLeast: 3, weight: 0.5 },
  ],
  mentions: [
    { atLeast: 10, weight: 0.85 },
    { atLeast: 5, weight: 0.5 },
  ],
  links: [
    { atLeast: 5, weight: 0.7 },
    { atLeast: 3, weight: 0.5 },
    { atLeast: 2, weight: 0.25 },
  ],
  /** An account younger than this counts as new. */
  newAccountMs: 24 * 60 * 60 * 1000,
  newAccountBurst: { messagesLastHour: 30, chatsLastHour: 5, weight: 0.6 },
  anyAccountBurst: { messagesLastHour: 200, weight: 0.35 },
  /** A word of 3+ letters making up half of a message of 6+ words. */
  repeatedWord: { minWords: 6, share: 0.5, weight: 0.4 },
  /** The same character 10+ times in a row ("!!!!!!!!!!", "aaaaaaaaaa"). */
  repeatedChar: { run: 10, weight: 0.2 },
  /** Mostly capitals over 20+ letters. */
  shouting: { minLetters: 20, share: 0.8, weight: 0.1 },
  phrase: 0.45,
};

const LINK =
  /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|ru|xyz|top|info|biz|click|link|ly|me|co|gg|shop|site|online|app)(?:\/\S*)?\b/gi;

// Phrases that almost only unsolicited advertising uses.
const SPAM_PHRASES =
  /\b(click (here|the link|this link|below)|free (money|bitcoin|crypto|gift card|followers|iphone)|earn \$?\d+[k]? (a|per|every) (day|week|hour)|work from home|investment opportunity|guaranteed (profit|returns|income)|double your (money|bitcoin|crypto)|limited (time )?offer|promo code|buy (followers|likes|cheap)|dm me (for|to) (details|info|earn|make|invest)|(whatsapp|telegram) me (at|on)|100% free|risk free|act now|claim your (prize|reward|gift)|you (have )?won (a|an|the|\$)|cheap (pills|viagra|meds)|(vip|crypto|trading|forex) signals|\d+% (win rate|per day|a day|daily)|recover your (lost )?(crypto|bitcoin|funds)|(get|buy|sell|selling) \d*k? ?(followers|likes|views|subscribers)|lose \d+ ?(kg|pounds|lbs)|one (weird|simple) (trick|pill)|\d+x guaranteed|referral (link|code)|get paid to|verify your (password|account|identity) (at|here|now|on)|confirm your (address|details|account|payment) (at|here|now)|high paying (remote )?job|passive income|no credit check)\b/i;

function tier(rules: Array<{ atLeast: number; weight: number }>, value: number): number {
  return rules.find((r) => value >= r.atLeast)?.weight ?? 0;
}

/** Signs of spam in the text itself and in the author's recent activity. */
export function spamSignals(
  text: string,
  words: string[],
  author: AuthorActivity | null,
  now: number,
): Signal[] {
  const signals: Signal[] = [];
  const add = (weight: number, reason: string) => {
    if (weight > 0) signals.push({ label: "spam", weight, reason });
  };
  const r = SPAM_RULES;

  const links = text.match(LINK)?.length ?? 0;
  add(tier(r.links, links), `Contains ${links} links.`);
  if (SPAM_PHRASES.test(text)) add(r.phrase, "Uses phrases typical of advertising spam.");

  const counts = new Map<string, number>();
  for (const w of words) if (w.length >= 3) counts.set(w, (counts.get(w) ?? 0) + 1);
  const [top, topCount] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (words.length >= r.repeatedWord.minWords && topCount / words.length >= r.repeatedWord.share) {
    add(r.repeatedWord.weight, `Repeats the word "${top}" ${topCount} times.`);
  }
  if (new RegExp(`(\\S)\\1{${r.repeatedChar.run - 1},}`, "u").test(text)) {
    add(r.repeatedChar.weight, `Repeats one character ${r.repeatedChar.run} or more times in a row.`);
  }
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = text.match(/\p{Lu}/gu) ?? [];
  if (letters.length >= r.shouting.minLetters && capitals.length / letters.length >= r.shouting.share) {
    add(r.shouting.weight, "Written mostly in capitals.");
  }

  if (author) {
    const same = author.same_text_chats_24h;
    add(tier(r.sameTextChats, same), `The same text was sent in ${same} chats within 24 hours.`);
    const mentions = author.mentions_in_message;
    add(tier(r.mentions, mentions), `Mentions ${mentions} people in one message.`);
    const age = now - Date.parse(author.account_created_at);
    const burst = r.newAccountBurst;
    if (
      age < r.newAccountMs &&
      (author.messages_last_hour >= burst.messagesLastHour || author.chats_last_hour >= burst.chatsLastHour)
    ) {
      add(
        burst.weight,
        `A new account (${Math.max(0, Math.round(age / 3_600_000))} h old) sent ${author.messages_last_hour} messages in ${author.chats_last_hour} chats in the last hour.`,
      );
    } else if (author.messages_last_hour >= r.anyAccountBurst.messagesLastHour) {
      add(r.anyAccountBurst.weight, `Sent ${author.messages_last_hour} messages in the last hour.`);
    }
  }
  return signals;
}
