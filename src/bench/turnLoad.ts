import autocannon from 'autocannon';
import { BenchProcess, cpuSeconds, machineBusySeconds, percentile } from './benchProcess';
import { BENCH_QUESTIONS, BenchQuestion } from './benchQuestions';

/** One turn: the first of a conversation may be the join (conversationUpdate) a channel sends. */
export interface BenchTurn {
    conversationId: string;
    kind: 'join' | 'question';
    question?: BenchQuestion;
}

/** How a reply was judged. */
export type Verdict = 'answer' | 'fallback' | 'off-topic' | 'empty' | 'unreadable';

/** Judges the replies to one turn. */
export type ReplyCheck = (turn: BenchTurn, body: string) => Verdict;

/** One autocannon run. */
export interface TurnLoadOptions {
    url: string;
    /** Distinct conversations, taken round-robin so no two connections ever run turns of one conversation at once. */
    conversations: number;
    /** Prefix of the conversation ids, so runs do not continue each other's conversations. */
    conversationPrefix: string;
    /** Whether each conversation begins with a `conversationUpdate` join. */
    join: boolean;
    connections: number;
    /** Seconds to run, unless `amount` is set. */
    durationSeconds?: number;
    /** Exact number of turns instead of a duration. */
    amount?: number;
    check: ReplyCheck;
}

/** What one run measured. */
export interface TurnLoadResult {
    /** Turns answered with a 2xx; the others are in `non2xx` and `errors`. */
    turns: number;
    seconds: number;
    turnsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    non2xx: number;
    /** Connection errors and timeouts. */
    errors: number;
    verdicts: Record<Verdict, number>;
}

interface LoadContext {
    conversation?: number;
    turn?: BenchTurn;
    sentAt?: number;
}

/** Drives `POST /api/messages` with `deliveryMode: "expectReplies"` turns of many conversations through autocannon. */
export async function runTurnLoad(options: TurnLoadOptions): Promise<TurnLoadResult> {
    const idle = Array.from({ length: options.conversations }, (_, i) => i);
    const turnsTaken = new Array<number>(options.conversations).fill(0);
    const latencies: number[] = [];
    const verdicts: Record<Verdict, number> = { answer: 0, fallback: 0, 'off-topic': 0, empty: 0, unreadable: 0 };
    let turns = 0;
    let running = false;

    const nextTurn = (conversation: number): BenchTurn => {
        const conversationId = `${options.conversationPrefix}-${conversation}`;
        const step = turnsTaken[conversation]++;
        if (options.join && step === 0) return { conversationId, kind: 'join' };
        const asked = options.join ? step - 1 : step;
        // Conversations start at different questions, so every question is asked at every depth of a conversation.
        return { conversationId, kind: 'question', question: BENCH_QUESTIONS[(conversation + asked) % BENCH_QUESTIONS.length] };
    };

    const instance = autocannon({
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 20 }),
        timeout: 30,
        requests: [
            {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                setupRequest: (request, context: LoadContext) => {
                    // A conversation whose turn timed out is never released; a fresh one then stands in.
                    const conversation = idle.shift() ?? turnsTaken.length;
                    if (conversation === turnsTaken.length) turnsTaken.push(0);
                    const turn = nextTurn(conversation);
                    Object.assign(context, { conversation, turn, sentAt: running ? performance.now() : undefined });
                    return { ...request, body: JSON.stringify(activityFor(turn)) };
                },
                onResponse: (status, body, context: LoadContext) => {
                    if (context.sentAt !== undefined) latencies.push(performance.now() - context.sentAt);
                    if (context.conversation !== undefined) idle.push(context.conversation);
                    if (status < 200 || status >= 300 || !context.turn) return;
                    turns++;
                    verdicts[options.check(context.turn, body)]++;
                },
            },
        ],
    });
    running = true;
    const result = await instance;
    return {
        turns,
        seconds: result.duration,
        turnsPerSecond: turns / result.duration,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        non2xx: result.non2xx,
        errors: result.errors,
        verdicts,
    };
}

function activityFor(turn: BenchTurn): Record<string, unknown> {
    const user = { id: `user-${turn.conversationId}`, name: 'Visitor', role: 'user' };
    return {
        type: turn.kind === 'join' ? 'conversationUpdate' : 'message',
        ...(turn.kind === 'join' ? { membersAdded: [user] } : { text: turn.question!.text }),
        id: `${turn.conversationId}-${performance.now()}`,
        channelId: 'webchat',
        serviceUrl: 'http://localhost/replies-are-returned-in-the-response',
        conversation: { id: turn.conversationId },
        from: user,
        recipient: { id: 'bot', name: 'MLT career bot', role: 'bot' },
        timestamp: new Date().toISOString(),
        locale: 'en-US',
        deliveryMode: 'expectReplies',
    };
}

/** A run, with the CPU the server, the load generator (this process) and everything else used while it ran (1 = one core). */
export interface MeasuredRun extends TurnLoadResult {
    serverCores: number;
    loadGeneratorCores: number;
    /** Other processes on the machine: anything well above zero took CPU from the server and skews the run. */
    otherCores: number;
}

/** Runs the load against a server the benchmark started, and measures both sides' CPU. */
export async function measureTurnLoad(server: BenchProcess, options: Omit<TurnLoadOptions, 'url'>): Promise<MeasuredRun> {
    const serverBefore = cpuSeconds(server.pid);
    const ownBefore = process.cpuUsage();
    const machineBefore = machineBusySeconds();
    const result = await runTurnLoad({ ...options, url: `${server.baseUrl}/api/messages` });
    const own = process.cpuUsage(ownBefore);
    const serverCores = (cpuSeconds(server.pid) - serverBefore) / result.seconds;
    const loadGeneratorCores = (own.user + own.system) / 1e6 / result.seconds;
    const machineCores = (machineBusySeconds() - machineBefore) / result.seconds;
    return { ...result, serverCores, loadGeneratorCores, otherCores: Math.max(0, machineCores - serverCores - loadGeneratorCores) };
}
