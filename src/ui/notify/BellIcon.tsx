// The bell drawn like the icons in ../lib/icons.tsx; crossed out when the conversation is muted.
export function BellIcon(props: { off?: boolean; size?: number }) {
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
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      {props.off && <path d="M3 3l18 18" />}
    </svg>
  );
}
