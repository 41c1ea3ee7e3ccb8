/**
 * The emoji the picker offers: a curated set, bundled (no download, works offline and on a phone's
 * slow link), every one a single RGI emoji the server accepts (test/unit/emoji-set.test.ts checks).
 */
export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

export const EMOJI_GROUPS: { name: string; emoji: string[] }[] = [
  {
    name: "Smileys",
    emoji: [
      ..."😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😋😛😜🤪🤗🤭🤫🤔🤐🤨😐😑😶😏😒🙄😬😌😔😪😴😷🤒🤢🤮🥵🥶🥴😵🤯🤠🥳😎🤓🧐😕😟🙁😮😯😲😳🥺😦😧😨😰😥😢😭😱😖😣😞😓😩😫🥱😤😡😠🤬😈👿💀💩🤡👻👽🤖",
    ],
  },
  {
    name: "People",
    emoji: [
      ..."👋🤚🖐✋🖖👌🤌🤏🤞🤟🤘🤙👈👉👆👇👍👎✊👊🤛🤜👏🙌👐🤲🤝🙏💅🤳💪🦾👀👁👅👄🧠🫶🙋🙆🙅🤷🤦💃🕺",
    ].filter((e) => e !== "🖐" && e !== "👁"),
  },
  {
    name: "Hearts",
    emoji: [
      "❤️",
      "🧡",
      "💛",
      "💚",
      "💙",
      "💜",
      "🖤",
      "🤍",
      "🤎",
      "💔",
      "❣️",
      "💕",
      "💞",
      "💓",
      "💗",
      "💖",
      "💘",
      "💝",
      "💯",
      "💢",
      "💥",
      "💫",
      "💦",
      "💨",
      "🔥",
      "✨",
      "⭐",
      "🌟",
      "⚡",
      "🎉",
      "🎊",
      "🎈",
      "🎁",
      "🏆",
      "🥇",
      "✅",
      "❌",
      "❓",
      "❗",
      "‼️",
      "👑",
      "💎",
    ],
  },
  {
    name: "Animals & nature",
    emoji: [
      ..."🐶🐱🐭🐹🐰🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🙈🙉🙊🐔🐧🐦🐤🦆🦅🦉🐺🐗🐴🦄🐝🐛🦋🐌🐞🐢🐍🦖🐙🦀🐠🐬🐳🦈🌸🌹🌻🌼🌷🌱🌲🌴🌵🍀🍁🍂🌈🌙🌞🌊",
    ].concat(["☀️", "❄️", "☔"]),
  },
  {
    name: "Food & activity",
    emoji: [
      ..."🍏🍎🍐🍊🍋🍌🍉🍇🍓🍒🍑🥭🍍🥥🥝🍅🥑🥦🌶🌽🥕🥐🍞🧀🥚🍳🥞🥓🍔🍟🍕🌭🥪🌮🌯🍣🍜🍝🍦🍩🍪🎂🍰🧁🍫🍬🍿🍺🍻🥂🍷🍸🍹⚽🏀🏈⚾🎾🏐🎱🏓🎯🎮🎲🎸🎹🎧🎤🎬",
    ]
      .filter((e) => e !== "🌶")
      .concat(["☕"]),
  },
  {
    name: "Travel & objects",
    emoji: [
      ..."🚗🚕🚌🚑🚒🚓🚲🛴🚀🛸🚁⛵🚢🏠🏡🏢🏰🗽🗼🌍🌎🌏🎒👓💼📱💻🖥⌚📷🎥💡🔦📚📖📝📌📎🔑🔒🔔📣💰💳📦📅⏰⌛🧭🧸🎨",
    ]
      .filter((e) => e !== "🖥")
      .concat(["✈️", "✏️", "✂️"]),
  },
];
