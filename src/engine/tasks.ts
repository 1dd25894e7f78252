import { liveQuery, type TaskRow } from '../db';
import { buildChatState } from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import type { createArchive } from './archive';
import type { createBlocking } from './blocking';
import type { createChatSync } from './chatSync';
import type { EngineContext } from './context';
import { createDrain } from './drain';
import type { createPeople } from './people';
import type { createPresence } from './presence';
import type { createRooms } from './rooms';
import type { createRoster } from './roster';

interface Deps {
  rooms: ReturnType<typeof createRooms>;
  roster: ReturnType<typeof createRoster>;
  presence: ReturnType<typeof createPresence>;
  archive: ReturnType<typeof createArchive>;
  people: ReturnType<typeof createPeople>;
  blocking: ReturnType<typeof createBlocking>;
  chatSync: ReturnType<typeof createChatSync>;
}

const MAX_PAUSES = 3;

/** Runs the intent rows the app writes (contacts, presence, chat states), oldest first. */
export function createTasks(ctx: EngineContext, deps: Deps) {
  const { db, session } = ctx;
  let online = false;
  /** Tasks that failed without an answer from the server, and how often. */
  const paused = new Map<number, number>();

  async function run(task: TaskRow): Promise<void> {
    switch (task.kind) {
      case 'addContact':
        return deps.roster.add(task.jid, task.name, task.groups);
      case 'removeContact':
        return deps.roster.remove(task.jid);
      case 'acceptRequest':
        return deps.presence.accept(task.jid);
      case 'declineRequest':
        return deps.presence.decline(task.jid);
      case 'setPresence':
        await deps.presence.sendOwn();
        return deps.rooms.sendPresence();
      case 'chatState':
        // "Typing" to a room we are not in (yet) would come back as an error from the room
        // ("only occupants may send"), shown as a refused message: it is only of the moment.
        if (deps.rooms.isRoom(task.peer) && !deps.rooms.isJoined(task.peer)) return;
        return session.send(
          buildChatState({
            to: task.peer,
            state: task.state,
            type: deps.rooms.isRoom(task.peer) ? 'groupchat' : 'chat',
          }),
        );
      case 'loadOlder':
        // The archive service reads a room's from the room, a chat's from ours.
        return deps.archive.loadOlder(task.peer);
      case 'moderate':
        return void (await deps.rooms.moderate(task.room, task.id, task.reason));
      case 'findMessage':
        return deps.archive.findMessage(task.peer, task.id);
      case 'olderConversations':
        return deps.archive.olderConversations();
      case 'joinRoom':
        return deps.rooms.join(task.room);
      case 'leaveRoom':
        return deps.rooms.leave(task.room);
      case 'roomInvite':
        return deps.rooms.invite(task.room, task.to, task.reason);
      case 'declineInvite':
        return deps.rooms.declineInvite(task.room, task.to);
      case 'setSubject':
        return deps.rooms.setSubject(task.room, task.subject);
      case 'changeNick':
        return deps.rooms.changeNick(task.room, task.nick);
      case 'setRole':
        return void (await deps.rooms.setRole(task.room, task.nick, task.role, task.reason));
      case 'setAffiliation':
        return void (await deps.rooms.setAffiliation(
          task.room,
          task.jid,
          task.affiliation,
          task.reason,
        ));
      case 'renameContact':
        return deps.roster.rename(task.jid, task.name);
      case 'setContactGroups':
        return deps.roster.setGroups(task.jid, task.groups);
      case 'block':
        return deps.blocking.block(task.jid, task.report);
      case 'unblock':
        return deps.blocking.unblock(task.jid);
      case 'publishNick':
        return deps.people.publishNick(task.nick);
      case 'publishAvatar':
        return deps.people.publishAvatar(task.id);
      case 'syncChat':
        return deps.chatSync.publish(task.peer);
    }
  }

  async function drainOnce() {
    for (;;) {
      if (!online) return;
      const task = await db.tasks.orderBy('seq').first();
      if (!task || task.seq === undefined) return;
      // A typing notification is only worth sending while fresh.
      const stale = task.kind === 'chatState' && Date.now() - task.createdAt > 30_000;
      try {
        if (!stale) await run(task);
      } catch (err) {
        const pauses = (paused.get(task.seq) ?? 0) + 1;
        paused.set(task.seq, pauses);
        if (
          (!(err instanceof XmppRequestError) || err.condition === 'timeout') &&
          pauses < MAX_PAUSES
        ) {
          // The link went away mid-task: keep it for the next session.
          ctx.log(`task ${task.kind} paused`, err);
          return;
        }
        // The server said no: drop it, and say so where the app can show it.
        ctx.log(`task ${task.kind} refused`, err);
        const condition = err instanceof XmppRequestError ? err.condition : String(err);
        await db.meta.put({ kind: task.kind, error: condition, at: Date.now() }, 'lastTaskError');
      }
      await db.tasks.delete(task.seq);
    }
  }

  const drain = createDrain(
    drainOnce,
    () => online,
    (err) => ctx.log('task drain stopped', err),
  );

  const sub = liveQuery(() => db.tasks.count()).subscribe({ next: () => drain() });

  return {
    setOnline(value: boolean) {
      online = value;
      if (value) drain();
    },
    stop: () => sub.unsubscribe(),
  };
}
