import type { Activity, ConversationResourceResponse, ResourceResponse } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';

/** Delivers what the bot sends to a built-in Direct Line conversation. */
export type DeliverActivity = (conversationId: string, activity: Partial<Activity>) => Promise<Activity>;

/**
 * The connector CloudAdapter sends replies through, for the built-in Direct Line: in process, no HTTP.
 * @remarks CloudAdapter reaches a channel only through `connectorClient.conversations`: `sendToConversation`
 * and `replyToActivity` for sends (see CloudAdapterBase.sendActivities), `updateActivity` and `deleteActivity`
 * for edits, which Direct Line 3.0 has no way to tell a client about. So this implements those four and the
 * factory hands it out as the ConnectorClient for every service URL.
 */
export class LocalConnectorFactory extends ConnectorFactory {
    private readonly client: ConnectorClient;

    constructor(deliver: DeliverActivity) {
        super();
        const send = async (conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> => ({
            id: (await deliver(conversationId, activity)).id ?? '',
        });
        const unsupported = async (): Promise<ConversationResourceResponse> => {
            throw new Error('LocalConnectorFactory: the built-in Direct Line cannot update or delete a sent activity');
        };
        const conversations = {
            sendToConversation: send,
            replyToActivity: (conversationId: string, _replyToId: string, activity: Partial<Activity>) => send(conversationId, activity),
            updateActivity: unsupported,
            deleteActivity: unsupported,
        };
        this.client = { conversations } as unknown as ConnectorClient;
    }

    override async create(): Promise<ConnectorClient> {
        return this.client;
    }
}
