import type { SVGProps } from "react";

type Props = SVGProps<SVGSVGElement>;

/** Stroke icons (24px grid), decorative: the button around each one carries the accessible name. */
function Icon({ d, ...props }: Props & { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      className="h-5 w-5"
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

export const AttachIcon = (p: Props) => (
  <Icon
    d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"
    {...p}
  />
);
export const SearchIcon = (p: Props) => (
  <Icon d={"M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm10 3-5.2-5.2"} {...p} />
);
export const ComposeIcon = (p: Props) => (
  <Icon d={"M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"} {...p} />
);
export const BackIcon = (p: Props) => <Icon d={"M15 18l-6-6 6-6"} {...p} />;
export const SendIcon = (p: Props) => <Icon d={"M22 2 11 13M22 2l-7 20-4-9-9-4z"} {...p} />;
export const ReplyIcon = (p: Props) => <Icon d={"M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11"} {...p} />;
export const EditIcon = (p: Props) => <Icon d={"M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5z"} {...p} />;
export const TrashIcon = (p: Props) => <Icon d={"M3 6h18M8 6V4h8v2m3 0-1 14H6L5 6m5 5v6m4-6v6"} {...p} />;
export const InfoIcon = (p: Props) => (
  <Icon d={"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zm0-6v-4m0-4h.01"} {...p} />
);
export const CloseIcon = (p: Props) => <Icon d={"M18 6 6 18M6 6l12 12"} {...p} />;
export const UsersIcon = (p: Props) => (
  <Icon
    d={
      "M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm14 10v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"
    }
    {...p}
  />
);
export const ArrowDownIcon = (p: Props) => <Icon d={"M12 5v14m7-7-7 7-7-7"} {...p} />;
export const ChevronUpIcon = (p: Props) => <Icon d={"M18 15l-6-6-6 6"} {...p} />;
export const ChevronDownIcon = (p: Props) => <Icon d={"M6 9l6 6 6-6"} {...p} />;
export const SettingsIcon = (p: Props) => (
  <Icon
    d={
      "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z"
    }
    {...p}
  />
);
export const MoreIcon = (p: Props) => <Icon d={"M5 12h.01M12 12h.01M19 12h.01"} strokeWidth="3" {...p} />;
export const SmileIcon = (p: Props) => (
  <Icon d={"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01"} {...p} />
);
export const CopyIcon = (p: Props) => <Icon d={"M9 9h11v11H9zM5 15H4V4h11v1"} {...p} />;
export const FlagIcon = (p: Props) => (
  <Icon d={"M4 22V15m0 0V4s1.5-1 4-1 4.5 2 8 2 4-1 4-1v11s-1 1-4 1-5.5-2-8-2-4 1-4 1z"} {...p} />
);
export const BlockIcon = (p: Props) => (
  <Icon d={"M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM4.9 4.9l14.2 14.2"} {...p} />
);
export const ShieldIcon = (p: Props) => <Icon d={"M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"} {...p} />;

const PHONE =
  "M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z";
export const PhoneIcon = (p: Props) => <Icon d={PHONE} {...p} />;
export const PhoneIncomingIcon = (p: Props) => <Icon d={`${PHONE}M16 2v6h6M22 2l-6 6`} {...p} />;
export const PhoneOutgoingIcon = (p: Props) => <Icon d={`${PHONE}M22 8V2h-6M16 8l6-6`} {...p} />;
export const PhoneMissedIcon = (p: Props) => <Icon d={`${PHONE}M22 2l-6 6M16 2l6 6`} {...p} />;
export const HangUpIcon = (p: Props) => (
  <Icon
    d={
      "M10.7 13.3a16 16 0 0 0 3.4 2.6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2v3a2 2 0 0 1-2.2 2A19.8 19.8 0 0 1 3.1 4.2 2 2 0 0 1 5.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L9 9.8M22 2 2 22"
    }
    {...p}
  />
);
export const VideoIcon = (p: Props) => (
  <Icon
    d={
      "m16 13 5.2 3.5a.5.5 0 0 0 .8-.4V7.9a.5.5 0 0 0-.8-.4L16 11M4 6h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z"
    }
    {...p}
  />
);
export const VideoOffIcon = (p: Props) => (
  <Icon
    d={
      "M10.7 6H14a2 2 0 0 1 2 2v3.3l1 1L22 8v8M16 16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h2M2 2l20 20"
    }
    {...p}
  />
);
export const MicIcon = (p: Props) => (
  <Icon d={"M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3zm7 8v2a7 7 0 0 1-14 0v-2m7 9v3"} {...p} />
);
export const MicOffIcon = (p: Props) => (
  <Icon
    d={
      "M2 2l20 20M18.9 13.4A7 7 0 0 0 19 12v-2M5 10v2a7 7 0 0 0 12 5M15 9.3V5a3 3 0 0 0-5.7-1.3M9 9v3a3 3 0 0 0 5.1 2.1M12 19v3"
    }
    {...p}
  />
);
export const ScreenShareIcon = (p: Props) => (
  <Icon
    d={"M13 3H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-3M8 21h8m-4-4v4m5-13 5-5m-5 0h5v5"}
    {...p}
  />
);
export const MinimiseIcon = (p: Props) => <Icon d={"M4 14h6v6m10-10h-6V4m0 6 7-7M3 21l7-7"} {...p} />;
export const SlidersIcon = (p: Props) => (
  <Icon d={"M4 21v-7m0-4V3m8 18v-9m0-4V3m8 18v-5m0-4V3M1 14h6m2-6h6m2 8h6"} {...p} />
);
export const PinIcon = (p: Props) => <Icon d={"M12 17v5M9 3h6l-1 7 4 4v3H6v-3l4-4z"} {...p} />;
export const BellOffIcon = (p: Props) => (
  <Icon
    d={
      "M13.7 21a2 2 0 0 1-3.4 0M18.6 13A17.9 17.9 0 0 1 18 8M6.3 6.3A6 6 0 0 0 6 8c0 7-3 9-3 9h14M18 8a6 6 0 0 0-9.3-5M2 2l20 20"
    }
    {...p}
  />
);
export const BellIcon = (p: Props) => (
  <Icon d={"M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0"} {...p} />
);
export const ArchiveIcon = (p: Props) => <Icon d={"M21 8v13H3V8M1 3h22v5H1zM10 12h4"} {...p} />;
export const UnreadIcon = (p: Props) => (
  <Icon
    d={
      "M22 12v7a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9M2 7l10 6 4-2.4M19 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6z"
    }
    {...p}
  />
);
export const ForwardIcon = (p: Props) => (
  <Icon d={"M15 14l5-5-5-5M20 9H9.5A5.5 5.5 0 0 0 4 14.5 5.5 5.5 0 0 0 9.5 20H13"} {...p} />
);
export const CheckCircleIcon = (p: Props) => (
  <Icon d={"M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0zM8 12l3 3 5-6"} {...p} />
);
