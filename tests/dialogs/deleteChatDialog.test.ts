import { Activity, ActivityTypes, ConversationState, MemoryStorage, StoreItems, TestAdapter } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import pino from 'pino';
import { createMainDialog } from '../../dialogs';
import { DELETED_TRACE_DIALOG } from '../../dialogs/deleteChatDialog';
import { readCommand } from '../../dialogs/mainDialog';
import { VisitorErasure } from '../../src/bot/visitorErasure';
import { RenderRepliesMiddleware } from '../../src/channels/renderReplies';
import { CareerBot } from '../../src/bot/careerBot';
import { KnowledgeSearchExtension } from '../../src/channels/teams/knowledgeSearchExtension';
import type { ConversationEraser, EraseOptions } from '../../src/transcripts/conversationEraser';
import { dialogDeps, realKnowledge, said, turn } from '../helpers/botHarness';

/** Bot state in memory that notes each write in `events`, so a test can tell what came before an erasure. */
class NotingStorage extends MemoryStorage {
    constructor(private readonly events: string[]) {
        super();
    }
    override async write(changes: StoreItems): Promise<void> {
        this.events.push('state saved');
        return super.write(changes);
    }
}

/** The real VisitorErasure over an eraser that records what it is asked to erase, and dialog deps that use it. */
function parts() {
    const events: string[] = [];
    const erased: [string, string, EraseOptions | undefined][] = [];
    const eraser: ConversationEraser = {
        eraseConversation: async (channel, conversation, options) => {
            events.push('erased');
            erased.push([channel, conversation, options]);
        },
        eraseOlderThan: async () => 0,
        close: async () => undefined,
    };
    const erasure = new VisitorErasure(eraser, pino({ level: 'silent' }));
    const deps = { ...dialogDeps(new ConversationState(new NotingStorage(events))), erasure };
    return { deps, erasure, erased, events };
}

/** The main dialog behind the real VisitorErasure middleware. */
function start() {
    const { deps, erasure, erased } = parts();
    const client = new DialogTestClient('test', createMainDialog(deps), undefined, [erasure, new RenderRepliesMiddleware()], deps.conversationState);
    return { client, erased };
}

describe('"delete my chat"', () => {
    it.each(['delete my chat', 'Delete my conversation', 'erase my chat', 'delete my data!', 'please delete my chat', 'clear this conversation', 'wipe my history'])(
        'is a command when it is the whole message: “%s”',
        (text) => expect(readCommand(text)).toBe('deleteChat'),
    );

    it.each(['how do I delete my data?', 'can advisors delete my chat later', 'delete'])('is not read out of “%s”', (text) => expect(readCommand(text)).toBeUndefined());

    it('asks to confirm with yes/no buttons, erasing nothing yet', async () => {
        const { client, erased } = start();
        const [asked] = await turn(client, 'delete my chat');
        expect(said([asked])).toMatch(/delete this whole conversation\?[\s\S]*cannot be undone/);
        expect(asked.suggestedActions?.actions.map((a) => a.value)).toEqual(['Yes', 'No']);
        // Only the reply that says it is done carries the trace the widget acts on.
        expect(asked.channelData.answer.dialog).not.toBe(DELETED_TRACE_DIALOG);
        expect(erased).toEqual([]);
    });

    it('on yes, says so and erases the conversation with its ids', async () => {
        const { client, erased } = start();
        await turn(client, 'how much do MLTs make?');
        await turn(client, 'delete my chat');
        const replies = await turn(client, 'yes');
        expect(replies).toHaveLength(1);
        expect(said(replies)).toMatch(/your conversation has been deleted/);
        expect(replies[0].channelData.answer).toEqual({ source: 'dialog', dialog: DELETED_TRACE_DIALOG, ids: [], score: 1 });
        expect(erased).toEqual([['test', replies[0].conversation!.id, { keepDirectLineCopy: false }]]);
    });

    it('erases after the bot has saved the confirming turn’s state, so the erasure takes that too', async () => {
        // The real bot (CareerBot saves state at the end of its run), behind the middleware as src/app.ts orders it.
        const { events, erased, erasure, deps } = parts();
        const { search } = realKnowledge();
        const bot = new CareerBot({ conversationState: deps.conversationState, dialog: createMainDialog(deps), memory: deps.memory, searchExtension: new KnowledgeSearchExtension(search, deps.replies) });
        const adapter = new TestAdapter((context) => bot.run(context), { channelId: 'directline', conversation: { id: 'conv-7' } } as Partial<Activity>);
        adapter.use(erasure);
        const say = async (text: string) => adapter.processActivity({ type: ActivityTypes.Message, text } as Partial<Activity>);
        await say('delete my chat');
        expect(events).toEqual(['state saved']);
        await say('yes');
        expect(events).toEqual(['state saved', 'state saved', 'erased']);
        expect(erased).toEqual([['directline', 'conv-7', { keepDirectLineCopy: false }]]);
    });

    it('on no, keeps everything and says so', async () => {
        const { client, erased } = start();
        await turn(client, 'delete my chat');
        expect(said(await turn(client, 'no'))).toMatch(/haven’t deleted anything/);
        expect(said(await turn(client, 'how much do MLTs make?'))).toMatch(/57,380/);
        expect(erased).toEqual([]);
    });

    it('keeps everything after an answer that is neither yes nor no, asked twice', async () => {
        const { client, erased } = start();
        await turn(client, 'delete my chat');
        expect(said(await turn(client, 'hmm'))).toMatch(/please answer yes or no/);
        expect(said(await turn(client, 'what?'))).toMatch(/haven’t deleted anything/);
        expect(erased).toEqual([]);
    });

    it('interrupts a waiting dialog, which asks its question again on no', async () => {
        const { client, erased } = start();
        expect(said(await turn(client, 'do I need a license?'))).toMatch(/which state or territory/);
        await turn(client, 'delete my chat');
        expect(said(await turn(client, 'no'))).toMatch(/haven’t deleted anything[\s\S]*which state or territory/);
        expect(said(await turn(client, 'Texas'))).toMatch(/texas/);
        expect(erased).toEqual([]);
    });

    it('refuses to claim a deletion when no erasure middleware runs the turn', async () => {
        const deps = { ...dialogDeps(), erasure: new VisitorErasure({} as ConversationEraser, pino({ level: 'silent' })) };
        const client = new DialogTestClient('test', createMainDialog(deps), undefined, [], deps.conversationState);
        await turn(client, 'delete my chat');
        await expect(client.sendActivity('yes')).rejects.toThrow(/VisitorErasure middleware is not running this turn/);
    });
});
