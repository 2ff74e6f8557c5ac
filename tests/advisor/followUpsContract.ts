import type { FollowUpRequest, FollowUps } from '../../src/advisor/followUps';

type NewRequest = Pick<FollowUpRequest, 'channelId' | 'conversationId' | 'name' | 'contact' | 'contactKind' | 'topic'>;

const request = (conversationId: string, overrides: Partial<NewRequest> = {}): NewRequest => ({
    channelId: 'webchat',
    conversationId,
    name: 'Ada Lovelace',
    contact: 'ada@example.org',
    contactKind: 'email',
    topic: 'night shifts in a hospital lab',
    ...overrides,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every `FollowUps` implementation must share; run against each one.
 * @param create returns a fresh, empty queue (closed after each test)
 */
export function describeFollowUpsContract(name: string, create: () => Promise<FollowUps>): void {
    describe(`${name} (FollowUps contract)`, () => {
        let followUps: FollowUps;
        beforeEach(async () => {
            followUps = await create();
        });
        afterEach(() => followUps.close());

        it('queues an open request and reads it back by id, contact details as given', async () => {
            const before = Date.now();
            const created = await followUps.create(request('c1', { name: 'Zoë', contact: '+1 (555) 123-4567', contactKind: 'phone' }));
            expect(created).toEqual({
                id: expect.any(Number),
                channelId: 'webchat',
                conversationId: 'c1',
                createdAt: created.updatedAt,
                name: 'Zoë',
                contact: '+1 (555) 123-4567',
                contactKind: 'phone',
                topic: 'night shifts in a hospital lab',
                status: 'open',
                updatedAt: expect.any(String),
            });
            expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
            expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 1);
            expect(created).not.toHaveProperty('claimedBy');
            expect(await followUps.get(created.id)).toEqual(created);
            expect(await followUps.get(created.id + 1000)).toBeUndefined();
        });

        it('lists newest first, all or by status', async () => {
            const first = await followUps.create(request('c1'));
            const second = await followUps.create(request('c2'));
            const third = await followUps.create(request('c3'));
            expect(second.id).toBeGreaterThan(first.id);
            await followUps.claim(second.id, 'joe');
            expect((await followUps.list()).map((r) => r.id)).toEqual([third.id, second.id, first.id]);
            expect((await followUps.list('open')).map((r) => r.id)).toEqual([third.id, first.id]);
            expect((await followUps.list('claimed')).map((r) => r.id)).toEqual([second.id]);
            expect(await followUps.list('done')).toEqual([]);
        });

        it('lets the first advisor claim an open request; a second claim changes nothing', async () => {
            const { id } = await followUps.create(request('c1'));
            expect(await followUps.claim(id, 'joe')).toMatchObject({ id, status: 'claimed', claimedBy: 'joe' });
            expect(await followUps.claim(id, 'amy')).toMatchObject({ status: 'claimed', claimedBy: 'joe' });
            expect(await followUps.claim(id + 1000, 'joe')).toBeUndefined();
        });

        it('completes a request, keeping who claimed it, or recording who completed an unclaimed one', async () => {
            const claimed = await followUps.create(request('c1'));
            const unclaimed = await followUps.create(request('c2'));
            await followUps.claim(claimed.id, 'joe');
            expect(await followUps.complete(claimed.id, 'amy')).toMatchObject({ status: 'done', claimedBy: 'joe' });
            expect(await followUps.complete(unclaimed.id, 'amy')).toMatchObject({ status: 'done', claimedBy: 'amy' });
            expect(await followUps.complete(unclaimed.id, 'joe')).toMatchObject({ status: 'done', claimedBy: 'amy' });
            expect(await followUps.claim(unclaimed.id, 'joe')).toMatchObject({ status: 'done', claimedBy: 'amy' });
            expect(await followUps.complete(9999, 'joe')).toBeUndefined();
        });

        it('lets exactly one of two advisors claiming at once have the request', async () => {
            const { id } = await followUps.create(request('c1'));
            await Promise.all([followUps.claim(id, 'joe'), followUps.claim(id, 'amy')]);
            const claimedBy = (await followUps.get(id))!.claimedBy;
            expect(['joe', 'amy']).toContain(claimedBy);
        });

        it('deletes one conversation’s requests', async () => {
            await followUps.create(request('c1'));
            await followUps.create(request('c1', { topic: 'again' }));
            await followUps.create(request('c1', { channelId: 'msteams' }));
            await followUps.create(request('c2'));
            expect(await followUps.deleteForConversation('webchat', 'c1')).toBe(2);
            expect((await followUps.list()).map((r) => `${r.channelId}/${r.conversationId}`).sort()).toEqual(['msteams/c1', 'webchat/c2']);
            expect(await followUps.deleteForConversation('webchat', 'nope')).toBe(0);
        });

        it('deletes requests created before a cutoff', async () => {
            const old = await followUps.create(request('c1'));
            await pause(5);
            const cutoff = new Date();
            await pause(5);
            const recent = await followUps.create(request('c2'));
            expect(await followUps.deleteOlderThan(cutoff)).toBe(1);
            expect(await followUps.get(old.id)).toBeUndefined();
            expect(await followUps.get(recent.id)).toBeDefined();
        });
    });
}
