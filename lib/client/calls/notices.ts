/** The texts a person reads about calls (issue 11 design, "Errors the user reads"). */
export const NOTICE = {
  permission: "stu can't use your microphone/camera. Allow it in the browser's site settings and try again.",
  noCamera: "No camera found — calling with voice only.",
  noMicrophone: "No microphone found — the others can't hear you.",
  deviceFailed: "Your microphone or camera could not be started — the others can't hear or see you.",
  noAnswer: "No answer.",
  alreadyInCall: "You are already in a call.",
  callFull: "This call is full.",
  callEnded: "The call has ended.",
  answeredElsewhere: "The call was answered on another device.",
  screenFailed: "Screen sharing could not start.",
  busy: (name: string) => `${name} is on another call.`,
  declined: (name: string) => `${name} declined the call.`,
  connectionLost: "The call ended: the connection was lost.",
  unreachable:
    "The call could not connect: your network or theirs blocks a direct connection, and no TURN server is there to relay it.",
  failed: (message: string) => `The call could not start: ${message}`,
} as const;
