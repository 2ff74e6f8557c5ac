/*
 * What the pages give the browser code without an import, for the type check of src/web (tsconfig.web.json, run
 * by `npm run typecheck`). Only what the code uses is declared. Never served: the routes name each file they serve.
 */

/** Web Chat's bundle (botframework-webchat/dist/webchat.js, served at /assets/webchat.js), as widget.js uses it. */
interface WebChatBundle {
    createDirectLine(options: DirectLineOptions): DirectLineConnection;
    renderWebChat(props: WebChatProps, element: HTMLElement): void;
    /** Web Chat's Redux store, with widget.js's middleware. */
    createStore(initialState: object, ...middleware: WebChatStoreMiddleware[]): WebChatStore;
}

/** The Redux actions widget.js reads or dispatches (`DIRECT_LINE/POST_ACTIVITY`, `DIRECT_LINE/INCOMING_ACTIVITY`, `WEB_CHAT/SEND_MESSAGE`). */
interface WebChatAction {
    type: string;
    payload?: { activity?: WebChatActivity; text?: string; method?: string };
}

interface WebChatStore {
    dispatch(action: WebChatAction): unknown;
    getState(): { activities: WebChatActivity[] };
}

type WebChatStoreMiddleware = (api: { dispatch(action: WebChatAction): unknown; getState(): { activities: WebChatActivity[] } }) => (
    next: (action: WebChatAction) => unknown,
) => (action: WebChatAction) => unknown;

/** A Bot Framework activity as Web Chat keeps it; only the fields widget.js reads. */
interface WebChatActivity {
    type: string;
    id?: string;
    name?: string;
    text?: string;
    from?: { id?: string; role?: string };
    attachments?: unknown[];
    entities?: unknown[];
    channelData?: {
        answer?: AnswerTrace;
        postBack?: boolean;
        messageBack?: { displayText?: string };
    };
}

/** The bot's answer trace (`channelData.answer`, ARCHITECTURE.md): what widget.js reads of it. */
interface AnswerTrace {
    dialog?: string;
    citations?: unknown[];
}

/** The options widget.js gives `createDirectLine` (botframework-webchat's `CreateDirectLineOptions`). */
interface DirectLineOptions {
    domain: string;
    token: string;
    webSocket: boolean;
    /** Milliseconds between `GET /activities` polls when not on a WebSocket. */
    pollingInterval?: number;
    /** Resumes this conversation instead of starting one. */
    conversationId?: string;
}

/** DirectLineJS's `DirectLine`: the connection's status stream, and ending it. */
interface DirectLineConnection {
    /** DirectLineJS `ConnectionStatus`: 0 uninitialised, 1 connecting, 2 online, 3 expired token, 4 failed to connect, 5 ended. */
    connectionStatus$: {
        subscribe(observer: { next(status: number): void; error(error: unknown): void }): { unsubscribe(): void };
    };
    end(): void;
}

/** What widget.js gives `renderWebChat`. */
interface WebChatProps {
    directLine: DirectLineConnection;
    store: WebChatStore;
    locale: string;
    styleOptions: {
        accent: string;
        hideUploadButton: boolean;
        botAvatarInitials: string;
        userAvatarInitials: string;
        suggestedActionLayout: 'carousel' | 'flow' | 'stacked';
        sendTypingIndicator: boolean;
        autoScrollSnapOnPage: boolean | number;
        autoScrollSnapOnPageOffset: number;
        groupTimestamp: boolean | number;
        suggestedActionHeight: number | string;
        suggestedActionBorderRadius: number | string;
        /** A CSS max-height for the flow layout's box (Web Chat 4.18 types it as undefined but passes it on). */
        suggestedActionsFlowMaxHeight: number | string;
    };
}

interface Window {
    /** Set by the first widget.js on a page, so a second copy does nothing. */
    __mltcbWidget?: boolean;
    /** Web Chat, once its bundle has run (widget.js loads it when the panel first opens, unless the page has it). */
    WebChat?: WebChatBundle;
    /** Chart.js's UMD bundle (chart.umd.min.js, every chart type registered), on the advisor console's page when it loaded. */
    Chart?: typeof import('chart.js').Chart;
    /** markdown-it 13's UMD bundle (markdown-it.min.js), on the advisor console's page when it loaded. */
    markdownit?: (options: MarkdownItOptions) => MarkdownIt;
    /** The Adaptive Cards renderer's UMD bundle (adaptivecards.min.js), on the advisor console's page when it loaded. */
    AdaptiveCards?: typeof import('adaptivecards');
}

/** The options of markdown-it 13 the console sets (the package ships no types). */
interface MarkdownItOptions {
    html: boolean;
    linkify: boolean;
    typographer: boolean;
    breaks: boolean;
}

/** A token of markdown-it's renderer, as the console's link rule reads it. */
interface MarkdownItToken {
    attrSet(name: string, value: string): void;
}

/** What the console uses of a markdown-it instance. */
interface MarkdownIt {
    render(text: string): string;
    /** Whether a link's URL may become a link; markdown-it's own refuses `javascript:` and the like. */
    validateLink: (url: string) => boolean;
    disable(rules: string | string[]): MarkdownIt;
    renderer: {
        rules: Record<string, ((tokens: MarkdownItToken[], idx: number, options: object, env: object, self: MarkdownItRenderer) => string) | undefined>;
    };
}

interface MarkdownItRenderer {
    renderToken(tokens: MarkdownItToken[], idx: number, options: object): string;
}
