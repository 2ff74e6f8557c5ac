/*
 * What the pages give the browser code without an import, for the type check of src/web (tsconfig.web.json, run
 * by `npm run typecheck`). Only what the code uses is declared. Never served: the routes name each file they serve.
 */

/** Web Chat's bundle (botframework-webchat/dist/webchat.js, served at /assets/webchat.js), as widget.js uses it. */
interface WebChatBundle {
    createDirectLine(options: DirectLineOptions): DirectLineConnection;
    renderWebChat(props: WebChatProps, element: HTMLElement): void;
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
    locale: string;
    styleOptions: {
        accent: string;
        hideUploadButton: boolean;
        botAvatarInitials: string;
        userAvatarInitials: string;
        suggestedActionLayout: 'carousel' | 'flow' | 'stacked';
        sendTypingIndicator: boolean;
    };
}

interface Window {
    /** Set by the first widget.js on a page, so a second copy does nothing. */
    __mltcbWidget?: boolean;
    /** Web Chat, once its bundle has run (widget.js loads it when the panel first opens, unless the page has it). */
    WebChat?: WebChatBundle;
    /** Chart.js's UMD bundle (chart.umd.min.js, every chart type registered), on the advisor console's page when it loaded. */
    Chart?: typeof import('chart.js').Chart;
}
