import type { BenchTurn, ReplyCheck } from './turnLoad';

interface ReplyActivity {
    type?: string;
    text?: string;
    channelData?: { answer?: { source?: string; ids?: string[]; dialog?: string } };
}

function repliesOf(body: string): ReplyActivity[] | undefined {
    try {
        return ((JSON.parse(body) as { activities?: ReplyActivity[] }).activities ?? []).filter((a) => a.type === 'message');
    } catch {
        return undefined;
    }
}

/** The career bot's replies: a join gets the welcome; a question gets an answer traced to an entry of its topic. */
export const checkCareerBotReply: ReplyCheck = (turn, body) => {
    const replies = repliesOf(body);
    if (!replies) return 'unreadable';
    const traces = replies.map((r) => r.channelData?.answer).filter((t) => t !== undefined);
    if (traces.length === 0) return 'empty';
    if (traces.some((t) => t.source === 'fallback')) return 'fallback';
    if (turn.kind === 'join') return traces.some((t) => t.dialog === 'welcome') ? 'answer' : 'off-topic';
    const topic = turn.question!.topic;
    return traces.some((t) => t.ids?.some((id) => id.startsWith(`${topic}-`))) ? 'answer' : 'off-topic';
};

/** The echo bot's reply: the text back. */
export const checkEchoReply: ReplyCheck = (turn, body) => {
    const replies = repliesOf(body);
    if (!replies) return 'unreadable';
    if (turn.kind === 'join') return 'answer';
    if (replies.length === 0) return 'empty';
    return replies.some((r) => r.text === `echo: ${turn.question!.text}`) ? 'answer' : 'off-topic';
};
