// Small inline icons: they draw the same everywhere, with or without an emoji font.
import type { JSX } from 'solid-js';

function Icon(props: { children: JSX.Element; size?: number }) {
  return (
    <svg
      class="ico"
      width={props.size ?? 20}
      height={props.size ?? 20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  );
}

export const PaperclipIcon = () => (
  <Icon>
    <path d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" />
  </Icon>
);

export const MicIcon = () => (
  <Icon>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
  </Icon>
);

export const FileIcon = (props: { size?: number }) => (
  <Icon size={props.size ?? 28}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5" />
  </Icon>
);

export const DownloadIcon = () => (
  <Icon>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </Icon>
);

export const PlayIcon = (props: { size?: number }) => (
  <Icon size={props.size}>
    <path d="M7 4l13 8-13 8z" fill="currentColor" />
  </Icon>
);

export const PauseIcon = () => (
  <Icon>
    <path d="M8 5v14M16 5v14" stroke-width="3" />
  </Icon>
);

export const GroupIcon = (props: { size?: number }) => (
  <Icon size={props.size}>
    <circle cx="9" cy="8" r="3.2" />
    <path d="M3 19c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5" />
    <circle cx="17" cy="9" r="2.6" />
    <path d="M16.5 13.6c2.6.2 4.5 2.1 4.5 4.9" />
  </Icon>
);

export const MoreIcon = () => (
  <Icon>
    <circle cx="12" cy="5" r="1.2" fill="currentColor" />
    <circle cx="12" cy="12" r="1.2" fill="currentColor" />
    <circle cx="12" cy="19" r="1.2" fill="currentColor" />
  </Icon>
);

/** A pinned chat's mark in the chat list. */
export const PinIcon = () => (
  <Icon size={14}>
    <path d="M9 4h6l-1 6 4 4H6l4-4z" />
    <path d="M12 14v6" />
  </Icon>
);

// Delivery states, drawn small beside the time (the meta line is 11px).
export const ClockIcon = () => (
  <Icon size={14}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon size={14}>
    <path d="M4.5 12.5l5 5L19.5 7" />
  </Icon>
);

export const DoubleCheckIcon = () => (
  <Icon size={14}>
    <path d="M1.5 12.5l5 5L16.5 7M11.5 16.5l1 1L22.5 7" />
  </Icon>
);

export const WarningIcon = () => (
  <Icon size={14}>
    <path d="M12 3.5L22 20.5H2z" />
    <path d="M12 10v4.5M12 17.5v.01" />
  </Icon>
);

/** A bell; crossed out when the conversation is muted. */
export const BellIcon = (props: { off?: boolean; size?: number }) => (
  <Icon {...(props.size !== undefined ? { size: props.size } : {})}>
    <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
    <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    {props.off && <path d="M3 3l18 18" />}
  </Icon>
);
