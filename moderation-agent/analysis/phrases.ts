import type { Label, Signal } from "./signal.ts";

type Phrase = { label: Label; weight: number; pattern: RegExp; reason: string };

// Curated patterns over normalize()d text (lower case, "you" for u/ya, "i will" for i'll, "going
// to" for gonna). Word boundaries on both ends, so "skill you" or "killjoy" do not match.
const HARM_VERB = "(kill|murder|shoot|stab|hurt|strangle|choke|rape|bury|punch|slap|hunt down|torture|gut)";
const TARGET =
  "(you|him|her|them|that guy|this guy|that kid|everyone|all of you|your family|your kids|your mom|your wife|your husband)";

// Groups that hate speech targets, for the patterns below (plural nouns as people write them).
const GROUPS =
  "(immigrants|foreigners|refugees|migrants|jews|muslims|christians|hindus|gays|gay people|lesbians|trans people|trannies|blacks|black people|whites|white people|asians|arabs|africans|mexicans|chinese|indians|gypsies|roma|women|disabled people|feminists|those people|these people|you people|your people|their kind|your kind)";
const WILL =
  "(i will|i am going to|i am about to|i shall|we will|we are going to|i want to|i would|let us|let us go|i swear i will|i will make sure to)";
// One optional word in between ("i will fucking kill you"), but not a negation.
const FILLER = "((?!not |never )\\w+ )?";
// Verbs that are only threats with a body part or a manner ("beat you at chess" is not).
const MANNER =
  "(beat (you|him|her|them) (up|to death|senseless|to a pulp)|break (your|his|her) (legs|neck|face|bones|arms|jaw|teeth|skull)|cut (your|his|her) (throat|face)|slit (your|his|her) throat|burn (you|him|her|them) alive|burn (your|his|her) house)";

export const PHRASES: Phrase[] = [
  // Threats of violence.
  {
    label: "violence",
    weight: 0.92,
    pattern: new RegExp(`\\b${WILL} ${FILLER}(${HARM_VERB} ${TARGET}|${MANNER})\\b`),
    reason: "Threatens to hurt someone.",
  },
  {
    label: "violence",
    weight: 0.88,
    pattern:
      /\b(i know where you live|i will find you|i am coming for you|we will find you|you will not see it coming)\b/,
    reason: "Threatens to find or come for someone.",
  },
  {
    label: "violence",
    weight: 0.85,
    pattern:
      /\b(you are|you will be|you are going to be|your family is|you are so) (dead|dead meat|a dead man|next)\b|\byou will (die|bleed|pay for this|regret (this|it))\b/,
    reason: "Tells someone they will die or suffer.",
  },
  {
    label: "violence",
    weight: 0.9,
    pattern:
      /\b(bomb|shoot up|blow up|set fire to|burn down|attack) (the|your|this|that|our) (school|office|house|building|church|mosque|synagogue|party|meeting|place)\b/,
    reason: "Threatens an attack on a place.",
  },
  {
    label: "violence",
    weight: 0.75,
    pattern:
      /\b(someone|somebody) (should|needs to|ought to) (kill|shoot|stab|hurt|beat|hang) (you|him|her|them|that guy|this guy)\b|\b(i hope|hope) (you|he|she|they) (die|dies|get killed|gets killed|get hit|burn|get raped|gets raped)\b/,
    reason: "Wishes or calls for violence against someone.",
  },
  {
    label: "violence",
    weight: 0.55,
    pattern: /\b(watch your back|sleep with one eye open|you have been warned|last warning|or else)\b/,
    reason: "Uses an intimidating phrase.",
  },
  // Telling someone to harm themselves.
  {
    label: "harassment",
    weight: 0.92,
    pattern:
      /\b(kill yourself|kys|go die|go and die|neck yourself|hang yourself|drink bleach|end yourself|nobody would miss you|the world would be better without you)\b/,
    reason: "Tells someone to harm or kill themselves.",
  },
  // Harassment without swear words.
  {
    label: "harassment",
    weight: 0.55,
    pattern:
      /\byou are (such |so |a |an |the |really |just |literally |completely |an absolute |a total |a complete |a fucking |fucking )*(stupid|worthless|pathetic|useless|disgusting|ugly|fat|retarded|idiot|moron|loser|failure|waste of space|waste of air|joke|trash|garbage|scum|clown|parasite|pig|freak|nobody)\b/,
    reason: "Insults the reader directly.",
  },
  {
    label: "harassment",
    weight: 0.55,
    pattern:
      /\b(nobody|no one|everyone) (likes|loves|wants|hates|cares about) you\b|\byou should be ashamed\b|\bshut (the fuck |your mouth |up )?(up|it)? ?(you )?(idiot|loser|moron|bitch|clown)\b/,
    reason: "Demeans the reader.",
  },
  {
    label: "harassment",
    weight: 0.65,
    pattern:
      /\b(i will|i am going to) (leak|post|share|send|spread) (your|ur) (nudes|photos|pictures|address|number|secrets)\b|\beveryone will know (what you did|about you)\b/,
    reason: "Threatens to expose someone.",
  },
  // Sexual propositions and demands.
  {
    label: "sexual",
    weight: 0.6,
    pattern:
      /\b(send|show|give) (me )?(your |some |more )?(nudes|nude pics|naked pics|tits|boobs|ass|pussy|dick|cock|body naked)\b|\b(suck|lick|stroke|touch|ride|sit on) my (dick|cock|pussy|balls|tits|face)\b|\b(i want to|let us|wanna|want to|i will|i would|i am going to) (fuck|bang|sleep with|have sex with|hook up with) (you|her|him|tonight)\b|\b(sext|sexting) (me|you)\b|\bwant to sext\b/,
    reason: "Demands or proposes sex or sexual images.",
  },
  // Hate against groups.
  {
    label: "hate",
    weight: 0.85,
    pattern: new RegExp(
      `\\b(kill|shoot|gas|exterminate|hang|burn|wipe out|get rid of) (all )?(the |those |these )?${GROUPS}\\b|\\b${GROUPS} (should|must|need to|deserve to) (all )?(die|be (killed|shot|gassed|hanged|exterminated|wiped out|put to death|locked up|deported|banned|sterilised|sterilized))\\b`,
    ),
    reason: "Calls for violence or persecution against a group.",
  },
  {
    label: "hate",
    weight: 0.75,
    pattern: new RegExp(
      `\\b(all |the |most )?${GROUPS} (are|is) (all |just |nothing but |basically )?(animals|vermin|rats|cockroaches|monkeys|apes|pigs|dogs|parasites|subhuman|savages|a disease|a plague|a cancer|filth|inferior|not human|terrorists|criminals|rapists|thieves|stupid|freaks|mentally ill|disgusting|an abomination|ruining)\\b|\\b${GROUPS} (out|go home|not welcome)\\b|\\bwomen belong in the kitchen\\b`,
    ),
    reason: "Demeans a group of people.",
  },
  {
    label: "hate",
    weight: 0.75,
    pattern:
      /\b(go back to (your|where you came from|your own country)|your kind (are|is) not welcome|(should|must) be (deported|exterminated|wiped out|gassed))\b/,
    reason: "Tells a group it does not belong or should be removed.",
  },
  {
    label: "hate",
    weight: 0.75,
    pattern:
      /\b(all |those |these |the )?(\w+s) are (all )?(animals|vermin|rats|cockroaches|parasites|subhuman|savages|a disease|a plague|filth|inferior|not human)\b/,
    reason: "Dehumanises a group of people.",
  },
  // Self-harm (the writer at risk: for a person to look at, not for removal).
  {
    label: "self_harm",
    weight: 0.62,
    pattern:
      /\b(i (want|wanna|am going|plan|need|have decided) to (die|end it|end it all|end my life|kill myself|disappear forever|not wake up))\b|\b(kill|killing|hurt|hurting|cut|cutting|harm|harming|starve|starving) myself\b|\bend(ing)? my (own )?life\b/,
    reason: "The writer speaks of harming or killing themselves.",
  },
  {
    label: "self_harm",
    weight: 0.5,
    pattern:
      /\b(no (reason|point) (for me )?(to|in) (live|living|going on)|better off (dead|without me)|happier without me|do not want to (live|be alive|wake up|exist)|suicidal|suicide note|goodbye (letter|letters|note)|overdose|took all my pills|cannot (go on|take it) anymore|tired of living|i wish i (was|were) dead|i am a burden|(tonight|today) is my last (night|day)|bought a rope|want (it all|the pain) to (end|stop) forever)\b/,
    reason: "The writer expresses hopelessness or suicidal thoughts.",
  },
];

/** Threats, self-harm, harassment and hate phrases found in normalised text. */
export function phraseSignals(normalized: string): Signal[] {
  return PHRASES.filter((p) => p.pattern.test(normalized)).map(({ label, weight, reason }) => ({
    label,
    weight,
    reason,
  }));
}
