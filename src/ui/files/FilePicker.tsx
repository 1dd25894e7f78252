import { PaperclipIcon } from '../lib/icons';

/**
 * The attach button and its hidden file input, for the app's composer and the widget's: any
 * type, several at once, and the same file may be chosen again.
 */
export function FilePicker(props: {
  label: string;
  title?: string;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  let input!: HTMLInputElement;
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) props.onFiles(files);
        }}
      />
      <button
        type="button"
        class="icon attach"
        aria-label={props.label}
        title={props.title}
        disabled={props.disabled}
        onClick={() => input.click()}
      >
        <PaperclipIcon />
      </button>
    </>
  );
}
