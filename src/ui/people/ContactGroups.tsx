import { createSignal, createUniqueId, For, Show } from 'solid-js';
import {
  cleanGroupName,
  groupNamesQuery,
  MAX_GROUP_NAME,
  MAX_GROUPS,
  setContactGroups,
} from '../../app/people';
import { ErrorLine } from '../ErrorLine';
import { errorText } from '../errors';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';

/**
 * The groups a contact is in (the roster's, so every client of the account sees them): each
 * can be left, and a new or existing one joined. The contact list files contacts by group.
 */
export function ContactGroups(props: { jid: string; groups: readonly string[] }) {
  const known = createLive(() => groupNamesQuery, [] as string[]);
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const heading = createUniqueId();
  const suggestions = createUniqueId();
  const full = () => props.groups.length >= MAX_GROUPS;

  function save(groups: string[]) {
    setError('');
    setContactGroups(props.jid, groups).catch((err) => setError(errorText(err)));
  }
  function add() {
    const group = cleanGroupName(name());
    if (!group || full()) return;
    if (!props.groups.includes(group)) save([...props.groups, group]);
    setName('');
  }

  return (
    <section class="contact-groups" aria-labelledby={heading}>
      <h3 id={heading}>{t('groups.title')}</h3>
      <Show when={props.groups.length > 0} fallback={<p class="hint">{t('groups.none')}</p>}>
        <ul class="group-chips">
          <For each={props.groups}>
            {(group) => (
              <li>
                <span>{group}</span>
                <button
                  type="button"
                  class="icon"
                  aria-label={t('groups.remove', { group })}
                  title={t('groups.remove', { group })}
                  onClick={() => save(props.groups.filter((g) => g !== group))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form
        class="add-group"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          {t('groups.add')}
          <input
            type="text"
            list={suggestions}
            maxLength={MAX_GROUP_NAME}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <datalist id={suggestions}>
          <For each={known().filter((g) => !props.groups.includes(g))}>
            {(g) => <option value={g} />}
          </For>
        </datalist>
        <button type="submit" disabled={!cleanGroupName(name()) || full()}>
          {t('groups.addButton')}
        </button>
      </form>
      <Show when={full()}>
        <p class="hint">{t('groups.full', { n: MAX_GROUPS })}</p>
      </Show>
      <ErrorLine text={error()} />
    </section>
  );
}
